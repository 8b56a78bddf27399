import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentInLast24h, sentInLast24hOf } from '../../../src/audit/report';
import { readAuditLines } from '../../../src/audit/verify';
import { type AuditRecordInput, readAuditRecords, recordEvent } from '../../../src/ceremony/events';
import { tempDir } from '../../helpers/cli';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the typed audit catalogue is the only writer', () => {
  it('no module of src/ or main/ but the catalogue appends to the log directly', () => {
    const direct = [...sourceFiles('src'), ...sourceFiles('main')].filter(
      (path) =>
        path !== join('src', 'ceremony', 'events.ts') &&
        path !== join('src', 'audit', 'log.ts') &&
        /\bappendAuditEvent\b/.test(readFileSync(path, 'utf8')),
    );
    expect(direct).toEqual([]);
  });

  it('refuses at write time an event it does not know, or one missing its fields, and writes nothing', () => {
    const dataDir = tempDir();
    expect(() => recordEvent(dataDir, { event: 'made-up' } as unknown as AuditRecordInput)).toThrow();
    expect(() =>
      recordEvent(dataDir, { event: 'approval', approvers: ['alice'] } as unknown as AuditRecordInput),
    ).toThrow();
    expect(() =>
      recordEvent(dataDir, {
        event: 'airgap-check',
        outcome: 'maybe',
      } as unknown as AuditRecordInput),
    ).toThrow();
    expect(readAuditLines(dataDir).lines).toEqual([]);
    recordEvent(dataDir, { event: 'airgap-check', outcome: 'isolated' });
    expect(readAuditLines(dataDir).lines).toHaveLength(1);
  });
});

describe('reading the log for the rolling 24 hours', () => {
  it('types only the entries since the time asked, and sums the same as over the whole log', () => {
    const dataDir = tempDir();
    const day = 24 * 3600_000;
    const now = new Date('2026-12-02T12:00:00Z');
    const signed = (sent: number, at: number) =>
      recordEvent(
        dataDir,
        {
          event: 'signed',
          wallet: 'treasury',
          psbtHash: 'a'.repeat(64),
          psbtOutHash: 'b'.repeat(64),
          summary: { sent, fee: 100, destinations: [] },
          approvers: [],
          outcome: 'signed',
        },
        new Date(now.getTime() - at),
      );
    signed(50_000, 2 * day);
    signed(7_000, day + 1);
    signed(3_000, day - 1);
    signed(400, 60_000);
    const since = new Date(now.getTime() - day);
    expect(readAuditRecords(dataDir, undefined, { since }).map((r) => r.seq)).toEqual([2, 3]);
    expect(readAuditRecords(dataDir).map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    const wallet = { id: 'no-such-id', name: 'treasury' };
    expect(sentInLast24hOf(dataDir, wallet, now)).toBe(3_400);
    expect(sentInLast24hOf(dataDir, wallet, now)).toBe(sentInLast24h(readAuditRecords(dataDir), wallet, now));
  });
});
