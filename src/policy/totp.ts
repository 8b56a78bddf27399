import { Secret, TOTP } from 'otpauth';

/** RFC 6238 parameters every authenticator app understands: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_SECONDS = 30;

export function totpFor(
  secret: Uint8Array,
  {
    label = 'approver',
    digits = 6,
    algorithm = 'SHA1',
  }: { label?: string; digits?: number; algorithm?: 'SHA1' | 'SHA256' | 'SHA512' } = {},
): TOTP {
  return new TOTP({
    issuer: 'Airlock',
    label,
    algorithm,
    digits,
    period: TOTP_PERIOD_SECONDS,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
  });
}

/** The code at `time` (RFC 6238), as an authenticator app shows it. */
export function totpCode(secret: Uint8Array, time: Date, options?: Parameters<typeof totpFor>[1]): string {
  return totpFor(secret, options).generate({ timestamp: time.getTime() });
}

/** The time step a code belongs to, accepting the previous and next step for clock drift; null if none. */
export function totpStep(secret: Uint8Array, code: string, time: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: time.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(time.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
