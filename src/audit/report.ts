import type { ReadRecord, SignedRecord } from '../ceremony/events';
import { GENESIS_HASH, sha256Hex } from './log';

export interface DailyOutflow {
  /** The wallet's name as its latest signature of the day recorded it. */
  wallet: string;
  /** Its identity; null for entries written before wallets had one. */
  walletId: string | null;
  /** The wallet's owner class as registered now; null when it has none or is no longer registered. */
  owner: string | null;
  day: string;
  count: number;
  sent: number;
  fees: number;
  /** `amount` is null only for entries of older builds, which recorded addresses alone. */
  destinations: Array<{ address: string | null; amount: number | null }>;
  /** The part of `sent` that went to other registered wallets. */
  transfers: Array<{ to: string; owner: string | null; amount: number }>;
  /** Proofs of reserves signed that day (they move nothing). */
  proofs: Array<{ message: string; total: number }>;
  /** BIP-322 messages signed that day. */
  messages: Array<{ address: string; message: string | null }>;
}

/** A wallet as the limits and the report know it: by identity, with its name for older entries. */
export interface WalletKey {
  id: string;
  name: string;
}

/** The log's head, as `audit verify --expect-head` and the online side compare it. */
export function auditHead(lines: readonly string[]): { seq: number; hash: string } {
  const last = lines.at(-1);
  if (last === undefined) return { seq: -1, hash: GENESIS_HASH };
  return { seq: (JSON.parse(last) as { seq: number }).seq, hash: sha256Hex(last) };
}

type Signed = SignedRecord & { seq: number; time: string };

function signedOut(records: readonly ReadRecord[]): Signed[] {
  return records.filter((r): r is Signed => r.event === 'signed' && r.outcome === 'signed');
}

/** An entry counts for a wallet by its identity; older entries without one count by name. */
function isOf(record: Signed, wallet: WalletKey): boolean {
  return record.walletId ? record.walletId === wallet.id : record.wallet === wallet.name;
}

/**
 * Signed outflows per wallet (by identity) and UTC day, for the treasury's daily reconciliation: what
 * left, what of it moved to other registered wallets, and the proofs of reserves and messages signed.
 * `owners` maps wallet names to their owner class; rows sort by owner class, then wallet, then day.
 */
export function dailyOutflows(
  records: readonly ReadRecord[],
  since?: Date,
  owners: ReadonlyMap<string, string | undefined> = new Map(),
): DailyOutflow[] {
  const rows = new Map<string, DailyOutflow>();
  for (const record of signedOut(records)) {
    if (since && new Date(record.time) < since) continue;
    const day = record.time.slice(0, 10);
    const key = `${record.walletId ?? `name:${record.wallet}`}\u0000${day}`;
    const row = rows.get(key) ?? {
      wallet: record.wallet,
      walletId: record.walletId ?? null,
      owner: owners.get(record.wallet) ?? null,
      day,
      count: 0,
      sent: 0,
      fees: 0,
      destinations: [],
      transfers: [],
      proofs: [],
      messages: [],
    };
    const { summary } = record;
    row.wallet = record.wallet;
    row.count += 1;
    row.sent += summary.sent;
    row.fees += summary.fee ?? 0;
    for (const d of summary.destinations) {
      row.destinations.push({ address: d.address, amount: d.amount });
      if (d.wallet && d.amount !== null)
        row.transfers.push({ to: d.wallet, owner: d.owner ?? null, amount: d.amount });
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
export function sentInLast24h(records: readonly ReadRecord[], wallet: WalletKey, now: Date): number {
  const from = now.getTime() - 24 * 3600_000;
  return signedOut(records)
    .filter((r) => isOf(r, wallet))
    .filter((r) => {
      const t = new Date(r.time).getTime();
      return t > from && t <= now.getTime();
    })
    .reduce((total, r) => total + r.summary.sent, 0);
}
