import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAirlockError } from '../../../src/common/errors';
import { approvePsbt, enrollApprover, MAX_FAILURES, unlockApprover } from '../../../src/policy/approvers';
import { totpCode } from '../../../src/policy/totp';
import { tempDir } from '../../helpers/cli';

// RFC 6238 appendix B: 8-digit codes for the three reference secrets (source in the fixture).
const RFC6238 = z
  .object({
    secrets: z.object({ SHA1: z.string(), SHA256: z.string(), SHA512: z.string() }),
    vectors: z.array(
      z.object({ seconds: z.number(), SHA1: z.string(), SHA256: z.string(), SHA512: z.string() }),
    ),
  })
  .parse(
    JSON.parse(readFileSync(new URL('../../fixtures/policy/rfc6238-vectors.json', import.meta.url), 'utf8')),
  );
const ascii = (s: string) => new TextEncoder().encode(s);
const SECRETS = {
  SHA1: ascii(RFC6238.secrets.SHA1),
  SHA256: ascii(RFC6238.secrets.SHA256),
  SHA512: ascii(RFC6238.secrets.SHA512),
} as const;

function codeOf(error: () => unknown): string {
  try {
    error();
  } catch (e) {
    return isAirlockError(e) ? e.code : 'untyped';
  }
  return 'none';
}

/** What the approver's authenticator app shows at `time`, from the enrolment URI. */
function authenticator(uri: string) {
  const totp = URI.parse(uri) as unknown as { secret: Secret };
  return (time: Date) => totpCode(new Uint8Array(totp.secret.bytes), time);
}

describe('TOTP (RFC 6238)', () => {
  for (const { seconds, SHA1: sha1, SHA256: sha256, SHA512: sha512 } of RFC6238.vectors) {
    it(`matches the RFC codes at T=${seconds}`, () => {
      const time = new Date(seconds * 1000);
      expect(totpCode(SECRETS.SHA1, time, { digits: 8, algorithm: 'SHA1' })).toBe(sha1);
      expect(totpCode(SECRETS.SHA256, time, { digits: 8, algorithm: 'SHA256' })).toBe(sha256);
      expect(totpCode(SECRETS.SHA512, time, { digits: 8, algorithm: 'SHA512' })).toBe(sha512);
    });
  }
});

describe('approvers', () => {
  const hash = 'ab'.repeat(32);
  const t0 = new Date('2026-11-25T10:00:00Z');
  const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it('approves with PIN and current code, once per code, and never stores the secret in plain text', () => {
    const dir = tempDir();
    const { uri } = enrollApprover(dir, { name: 'alice', pin: '482913' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Airlock:alice\?/);
    const app = authenticator(uri);
    approvePsbt(dir, { proof: { name: 'alice', pin: '482913', code: app(t0) }, psbtHash: hash, now: t0 });
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: '482913', code: app(t0) },
          psbtHash: hash,
          now: later(5),
        }),
      ),
    ).toBe('APPROVAL_CODE_REPLAYED');
    // A code from the previous step is accepted within the ±1 step window; two steps away is not.
    approvePsbt(dir, {
      proof: { name: 'alice', pin: '482913', code: app(later(60)) },
      psbtHash: hash,
      now: later(95),
    });
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: '482913', code: app(later(120)) },
          psbtHash: hash,
          now: later(185),
        }),
      ),
    ).toBe('APPROVAL_WRONG_CODE');
    const secretBase32 = new URL(uri).searchParams.get('secret')!;
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).not.toContain(secretBase32);
      expect(text).not.toContain(Buffer.from(Secret.fromBase32(secretBase32).bytes).toString('hex'));
      expect(text).not.toContain('482913');
    }
    const approvals = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"approval"'));
    expect(approvals.map((l) => JSON.parse(l).psbtHash)).toEqual([hash, hash]);
  });

  it('refuses a wrong PIN and a wrong code, locks after five failures, and another approver unlocks', () => {
    const dir = tempDir();
    const alice = authenticator(enrollApprover(dir, { name: 'alice', pin: '111111' }).uri);
    const bob = authenticator(enrollApprover(dir, { name: 'bob', pin: '222222' }).uri);
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: '999999', code: alice(t0) },
          psbtHash: hash,
          now: t0,
        }),
      ),
    ).toBe('APPROVAL_WRONG_PIN');
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: '111111', code: '000000' },
          psbtHash: hash,
          now: t0,
        }),
      ),
    ).toBe('APPROVAL_WRONG_CODE');
    for (let i = 2; i < MAX_FAILURES; i++) {
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: '999999', code: alice(t0) },
          psbtHash: hash,
          now: t0,
        }),
      );
    }
    expect(
      codeOf(() =>
        approvePsbt(dir, {
          proof: { name: 'alice', pin: '111111', code: alice(t0) },
          psbtHash: hash,
          now: t0,
        }),
      ),
    ).toBe('APPROVER_LOCKED');
    expect(
      codeOf(() =>
        unlockApprover(dir, {
          name: 'alice',
          by: { name: 'alice', pin: '111111', code: alice(t0) },
          now: t0,
        }),
      ),
    ).toBe('APPROVER_SELF_UNLOCK');
    unlockApprover(dir, { name: 'alice', by: { name: 'bob', pin: '222222', code: bob(t0) }, now: t0 });
    approvePsbt(dir, {
      proof: { name: 'alice', pin: '111111', code: alice(later(30)) },
      psbtHash: hash,
      now: later(30),
    });
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toContain('"approver-unlocked"');
  });

  it('refuses unknown approvers, weak PINs and duplicate enrolment', () => {
    const dir = tempDir();
    expect(
      codeOf(() =>
        approvePsbt(dir, { proof: { name: 'mallory', pin: '123456', code: '123456' }, psbtHash: hash }),
      ),
    ).toBe('APPROVER_UNKNOWN');
    expect(codeOf(() => enrollApprover(dir, { name: 'carol', pin: '12' }))).toBe('PIN_INVALID');
    enrollApprover(dir, { name: 'carol', pin: '123456' });
    expect(codeOf(() => enrollApprover(dir, { name: 'carol', pin: '123456' }))).toBe('APPROVER_EXISTS');
  });
});
