import { type AuditEntry, GENESIS_HASH, sha256Hex } from './log';

export interface DailyOutflow {
  wallet: string;
  /** The wallet's owner class as registered now; null when it has none or is no longer registered. */
  owner: string | null;
  day: string;
  count: number;
  sent: number;
  fees: number;
  destinations: Array<{ address: string | null; amount: number }>;
  /** The part of `sent` that went to other registered wallets. */
  transfers: Array<{ to: string; owner: string | null; amount: number }>;
  /** Proofs of reserves signed that day (they move nothing). */
  proofs: Array<{ message: string; total: number }>;
  /** BIP-322 messages signed that day. */
  messages: Array<{ address: string; message: string | null }>;
}

interface SignedSummary {
  sent?: number;
  fee?: number | null;
  destinations?: Array<{ address: string | null; amount: number; wallet?: string; owner?: string | null }>;
  purpose?:
    | { kind: 'proof-of-reserves'; message: string; total: number }
    | { kind: 'message'; address: string; message: string | null };
}

/** The log's head, as `audit verify --expect-head` and the online side compare it. */
export function auditHead(lines: readonly string[]): { seq: number; hash: string } {
  const last = lines.at(-1);
  if (last === undefined) return { seq: -1, hash: GENESIS_HASH };
  return { seq: (JSON.parse(last) as { seq: number }).seq, hash: sha256Hex(last) };
}

/**
 * Signed outflows per wallet and UTC day, for the treasury's daily reconciliation: what left, what of
 * it moved to other registered wallets, and the proofs of reserves and messages signed. `owners` maps
 * wallet names to their owner class; rows sort by owner class, then wallet, then day.
 */
export function dailyOutflows(
  entries: readonly AuditEntry[],
  since?: Date,
  owners: ReadonlyMap<string, string | undefined> = new Map(),
): DailyOutflow[] {
  const rows = new Map<string, DailyOutflow>();
  for (const entry of entries) {
    if (entry.event !== 'signed' || entry.outcome !== 'signed' || !entry.wallet) continue;
    if (since && new Date(entry.time) < since) continue;
    const day = entry.time.slice(0, 10);
    const key = `${entry.wallet}\u0000${day}`;
    const row = rows.get(key) ?? {
      wallet: entry.wallet,
      owner: owners.get(entry.wallet) ?? null,
      day,
      count: 0,
      sent: 0,
      fees: 0,
      destinations: [],
      transfers: [],
      proofs: [],
      messages: [],
    };
    const summary = (entry.summary ?? {}) as SignedSummary;
    row.count += 1;
    row.sent += summary.sent ?? 0;
    row.fees += summary.fee ?? 0;
    for (const d of summary.destinations ?? []) {
      row.destinations.push({ address: d.address, amount: d.amount });
      if (d.wallet) row.transfers.push({ to: d.wallet, owner: d.owner ?? null, amount: d.amount });
    }
    if (summary.purpose?.kind === 'proof-of-reserves')
      row.proofs.push({ message: summary.purpose.message, total: summary.purpose.total });
    if (summary.purpose?.kind === 'message')
      row.messages.push({ address: summary.purpose.address, message: summary.purpose.message });
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      (a.owner ?? '~').localeCompare(b.owner ?? '~') ||
      a.wallet.localeCompare(b.wallet) ||
      a.day.localeCompare(b.day),
  );
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
