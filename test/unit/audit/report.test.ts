import { describe, expect, it } from 'vitest';
import { dailyOutflows, sentInLast24h } from '../../../src/audit/report';
import { AuditRecordSchema, type ReadRecord } from '../../../src/ceremony/events';

let seq = 0;
const ids: Record<string, string> = { cold: 'c'.repeat(64), hot: 'a'.repeat(64) };
function signed(time: string, sent: number, wallet = 'cold', outcome = 'signed'): ReadRecord {
  const record = AuditRecordSchema.parse({
    event: 'signed',
    wallet,
    walletId: ids[wallet],
    psbtHash: '1'.repeat(64),
    psbtOutHash: '2'.repeat(64),
    approvers: [],
    outcome,
    summary: { sent, fee: 100, destinations: [{ address: `bc1q${sent}`, amount: sent }] },
  });
  return { ...record, seq: seq++, time };
}
const cold = { id: ids.cold!, name: 'cold' };
const hot = { id: ids.hot!, name: 'hot' };

describe('rolling 24-hour window and daily report', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');
  const entries = [
    signed('2026-11-24T12:00:00.000Z', 1_000), // exactly 24 h ago: outside
    signed('2026-11-24T12:00:00.001Z', 2_000), // just inside
    signed('2026-11-25T11:59:59.999Z', 4_000),
    signed('2026-11-25T12:00:00.001Z', 8_000), // in the future of `now`: not counted
    signed('2026-11-25T10:00:00.000Z', 16_000, 'hot'),
    signed('2026-11-25T10:00:00.000Z', 32_000, 'cold', 'already-signed'),
  ];

  it('sums what the wallet signed out in the 24 hours before now, edges included correctly', () => {
    expect(sentInLast24h(entries, cold, now)).toBe(6_000);
    expect(sentInLast24h(entries, hot, now)).toBe(16_000);
  });

  it('counts a wallet by its identity, whatever name an entry gave it', () => {
    expect(sentInLast24h(entries, { id: ids.cold!, name: 'renamed' }, now)).toBe(6_000);
    expect(sentInLast24h(entries, { id: 'f'.repeat(64), name: 'cold' }, now)).toBe(0);
  });

  it('reads signed entries of older app builds, which recorded bare addresses, without NaN', () => {
    const legacy = AuditRecordSchema.parse({
      event: 'signed',
      wallet: 'cold',
      psbtHash: '1'.repeat(64),
      psbtOutHash: '2'.repeat(64),
      approvers: [],
      outcome: 'signed',
      summary: {
        network: 'testnet',
        sent: 500,
        change: 0,
        fee: 10,
        destinations: ['tb1qlegacy'],
        warnings: [],
      },
    });
    const [row] = dailyOutflows([{ ...legacy, seq: 99, time: '2026-11-20T00:00:00.000Z' }]);
    expect(row).toMatchObject({ wallet: 'cold', sent: 500, fees: 10, walletId: null });
    expect(row!.destinations).toEqual([{ address: 'tb1qlegacy', amount: null }]);
  });

  it('reports count, total, fees and destinations per wallet and UTC day', () => {
    const rows = dailyOutflows(entries);
    expect(rows.map((r) => [r.wallet, r.day, r.count, r.sent, r.fees])).toEqual([
      ['cold', '2026-11-24', 2, 3_000, 200],
      ['cold', '2026-11-25', 2, 12_000, 200],
      ['hot', '2026-11-25', 1, 16_000, 100],
    ]);
    expect(dailyOutflows(entries, new Date('2026-11-25T00:00:00Z')).map((r) => r.sent)).toEqual([
      12_000, 16_000,
    ]);
  });
});

describe('reconciliation report: owner classes, transfers, proofs', () => {
  const entry = (wallet: string, summary: Record<string, unknown>): ReadRecord => ({
    ...AuditRecordSchema.parse({
      event: 'signed',
      wallet,
      psbtHash: '1'.repeat(64),
      psbtOutHash: '2'.repeat(64),
      approvers: [],
      outcome: 'signed',
      summary,
    }),
    seq: seq++,
    time: '2026-12-01T09:00:00.000Z',
  });
  it("groups by owner class, lists transfers and proofs; its sums are the log's", () => {
    const entries = [
      entry('customer-cold', {
        sent: 70_000,
        fee: 500,
        destinations: [
          { address: 'tb1qa', amount: 50_000, wallet: 'customer-warm', owner: 'customer' },
          { address: 'tb1qb', amount: 20_000 },
        ],
      }),
      entry('company-cold', {
        sent: 0,
        fee: 0,
        destinations: [],
        purpose: { kind: 'proof-of-reserves', message: 'm', total: 9 },
      }),
    ];
    const owners = new Map([
      ['customer-cold', 'customer'],
      ['company-cold', 'company'],
    ]);
    const rows = dailyOutflows(entries, undefined, owners);
    expect(rows.map((r) => [r.owner, r.wallet])).toEqual([
      ['company', 'company-cold'],
      ['customer', 'customer-cold'],
    ]);
    expect(rows[1]!.transfers).toEqual([{ to: 'customer-warm', owner: 'customer', amount: 50_000 }]);
    expect(rows[1]!.destinations.reduce((n, d) => n + (d.amount ?? 0), 0)).toBe(rows[1]!.sent);
    expect(rows[0]!.proofs).toEqual([{ message: 'm', total: 9 }]);
  });
});
