import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditLines } from '../../../src/audit/verify';
import { type AuditRecordInput, recordEvent } from '../../../src/ceremony/events';
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
