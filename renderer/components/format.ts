/** 150000 -> "0.00150000": exact integer arithmetic, never floating point. */
export function formatBtc(sats: number): string {
  const negative = sats < 0;
  const abs = Math.abs(sats);
  const whole = Math.floor(abs / 100_000_000);
  const fraction = String(abs % 100_000_000).padStart(8, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** 150000 -> "150,000" */
export function formatSats(sats: number): string {
  return sats.toLocaleString('en-US');
}

export function shortHash(hash: string): string {
  return `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}
