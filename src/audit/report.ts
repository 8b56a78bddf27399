import type { AuditEntry } from './log';

export interface DailyOutflow {
  wallet: string;
  day: string;
  count: number;
  sent: number;
  fees: number;
  destinations: Array<{ address: string | null; amount: number }>;
}

interface SignedSummary {
  sent?: number;
  fee?: number | null;
  destinations?: Array<{ address: string | null; amount: number }>;
}

/** Signed outflows per wallet and UTC day, for the treasury's daily reconciliation. */
export function dailyOutflows(entries: readonly AuditEntry[], since?: Date): DailyOutflow[] {
  const rows = new Map<string, DailyOutflow>();
  for (const entry of entries) {
    if (entry.event !== 'signed' || entry.outcome !== 'signed' || !entry.wallet) continue;
    if (since && new Date(entry.time) < since) continue;
    const day = entry.time.slice(0, 10);
    const key = `${entry.wallet}\u0000${day}`;
    const row = rows.get(key) ?? { wallet: entry.wallet, day, count: 0, sent: 0, fees: 0, destinations: [] };
    const summary = (entry.summary ?? {}) as SignedSummary;
    row.count += 1;
    row.sent += summary.sent ?? 0;
    row.fees += summary.fee ?? 0;
    row.destinations.push(...(summary.destinations ?? []));
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.wallet.localeCompare(b.wallet) || a.day.localeCompare(b.day));
}

/** Satoshis signed out of `wallet` in the 24 hours before `now` (the rolling policy limit). */
export function sentInLast24h(entries: readonly AuditEntry[], wallet: string, now: Date): number {
  const from = now.getTime() - 24 * 3600_000;
  return entries
    .filter((e) => e.event === 'signed' && e.outcome === 'signed' && e.wallet === wallet)
    .filter((e) => {
      const t = new Date(e.time).getTime();
      return t > from && t <= now.getTime();
    })
    .reduce((total, e) => total + (((e.summary ?? {}) as SignedSummary).sent ?? 0), 0);
}
