/** Pure formatting for the review: what officers compare digit by digit with the coordinator's screen. */

/** A narrow no-break space: groups stay on one line and never read as two numbers. */
const GROUP_SEPARATOR = '\u202f';

/** 150000 -> "0.00150000": exact integer arithmetic, never floating point. */
export function formatBtc(sats: number): string {
  const negative = sats < 0;
  const abs = Math.abs(sats);
  const whole = Math.floor(abs / 100_000_000);
  const fraction = String(abs % 100_000_000).padStart(8, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * 20 000 150 sats -> "0.20 000 150": whole bitcoins grouped by the locale, the eight decimals as
 * 2-3-3 so the satoshi digits read in thousands, as Sparrow shows them.
 */
export function formatBtcGrouped(sats: number, locale = 'en-US'): string {
  const [whole = '0', fraction = ''] = formatBtc(sats).split('.');
  const wholeGrouped = Number(whole).toLocaleString(locale);
  const sign = whole.startsWith('-') && !wholeGrouped.startsWith('-') ? '-' : '';
  return `${sign}${wholeGrouped}.${[fraction.slice(0, 2), fraction.slice(2, 5), fraction.slice(5)].join(GROUP_SEPARATOR)}`;
}

/** 150000 -> "150,000" (grouped as the locale groups). */
export function formatSats(sats: number, locale = 'en-US'): string {
  return sats.toLocaleString(locale);
}

/** "tb1qw508d6qe…" -> ["tb1q", "w508", "d6qe", …]: addresses read in fours, as Trezor and Coldcard Q show them. */
export function addressGroups(address: string): string[] {
  return address.match(/.{1,4}/g) ?? [];
}

/** An ISO time as the locale writes date and time, in UTC as the audit log keeps it. */
export function formatDateTime(iso: string, locale = 'en-US'): string {
  return new Date(iso).toLocaleString(locale, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'medium' });
}

/** An ISO time's date as the locale writes it. */
export function formatDate(iso: string, locale = 'en-US'): string {
  return new Date(iso).toLocaleDateString(locale, { timeZone: 'UTC', dateStyle: 'medium' });
}

/** The first and last 8 characters, the part a coordinator shows when it shortens a hash. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}
