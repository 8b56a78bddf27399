import { type ReadRecord, readAuditRecords, type SignedRecord } from '../ceremony/events';
import { readSeal, readVerifiedAuditLog } from '../ceremony/seal';
import { listWallets } from '../wallet/registry';
import { GENESIS_HASH, sha256Hex } from './log';
import type { DailyOutflow, ReconciliationReport, ReportHead } from './report-model';

const DAY_MS = 24 * 3600_000;

/** A wallet as the limits and the report know it: by identity, with its name for older entries. */
export interface WalletKey {
  id: string;
  name: string;
}

/** The log's head, as `audit verify --expect-head` and the online side compare it. */
export function auditHead(lines: readonly string[]): ReportHead {
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
/** What a wallet sent in the 24 hours before `now`, by the data directory's audit log. */
export function sentInLast24hOf(dataDir: string, wallet: WalletKey, now: Date): number {
  const since = new Date(now.getTime() - DAY_MS);
  return sentInLast24h(readAuditRecords(dataDir, undefined, { since }), wallet, now);
}

export function sentInLast24h(records: readonly ReadRecord[], wallet: WalletKey, now: Date): number {
  const from = now.getTime() - DAY_MS;
  return signedOut(records)
    .filter((r) => isOf(r, wallet))
    .filter((r) => {
      const t = new Date(r.time).getTime();
      return t > from && t <= now.getTime();
    })
    .reduce((total, r) => total + r.summary.sent, 0);
}

/**
 * The daily reconciliation report of a data directory: every signed outflow per owner class, wallet
 * and UTC day (from `since` on), with the log's head. Refused when the log does not verify or falls
 * short of its sealed head, since sums over an altered or cut log would reconcile nothing. The CLI and the app both report through here.
 */
export function reconciliationReport(dataDir: string, options: { since?: Date } = {}): ReconciliationReport {
  const { lines } = readVerifiedAuditLog(dataDir);
  // Owner classes as sealed (a wallet file edited without the quorum does not move a wallet's class).
  const seal = readSeal(dataDir);
  const registrations =
    seal && seal !== 'unreadable'
      ? Object.values(seal.configuration.wallets).map((w) => w.registration)
      : listWallets(dataDir);
  const owners = new Map(registrations.map((w) => [w.name, w.owner]));
  return {
    rows: dailyOutflows(readAuditRecords(dataDir, lines), options.since, owners),
    head: auditHead(lines),
  };
}
