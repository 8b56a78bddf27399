import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent, auditPath } from '../../../src/audit/log';
import type { AuditProblem } from '../../../src/audit/problems';
import { readAuditEntries, verifyAuditLog } from '../../../src/audit/verify';
import { tempDir } from '../../helpers/cli';

const APPENDER = join(import.meta.dirname, '../../helpers/audit-appender.ts');

function logWith(count: number): string {
  const dir = tempDir('airlock-audit-');
  for (let i = 0; i < count; i++)
    appendAuditEvent(dir, { event: 'signed', wallet: 'cold', summary: { sent: 1000 * i } });
  return dir;
}

function rewrite(dir: string, edit: (lines: string[]) => string[]): void {
  const lines = readFileSync(auditPath(dir), 'utf8').split('\n').filter(Boolean);
  writeFileSync(auditPath(dir), `${edit(lines).join('\n')}\n`);
}

function appender(dir: string, label: string, count: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', APPENDER, dir, label, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

describe('audit log', () => {
  it('verifies an untouched chain', () => {
    expect(verifyAuditLog(logWith(5))).toEqual({ ok: true, entries: 5, incompleteFinalLine: false });
  });

  const chainBroken: AuditProblem = { code: 'AUDIT_CHAIN_BROKEN', params: {} };
  const sequence = (found: number, expected: number): AuditProblem => ({
    code: 'AUDIT_SEQUENCE',
    params: { found, expected },
  });
  const TAMPERS: Array<[string, (lines: string[]) => string[], number, AuditProblem]> = [
    [
      'a changed amount',
      (l) => l.map((x, i) => (i === 2 ? x.replace('"sent":2000', '"sent":2001') : x)),
      4,
      chainBroken,
    ],
    ['a removed entry', (l) => l.filter((_, i) => i !== 1), 2, sequence(2, 1)],
    ['an inserted entry', (l) => [...l.slice(0, 3), l[2]!, ...l.slice(3)], 4, sequence(2, 3)],
    ['two swapped entries', (l) => [l[0]!, l[2]!, l[1]!, ...l.slice(3)], 2, sequence(2, 1)],
    ['a removed first entry', (l) => l.slice(1), 1, sequence(1, 0)],
    [
      'a line that is not JSON',
      (l) => l.map((x, i) => (i === 3 ? x.slice(0, 40) : x)),
      4,
      { code: 'AUDIT_NOT_JSON', params: {} },
    ],
    [
      'a line that is JSON but no entry',
      (l) => l.map((x, i) => (i === 2 ? '{"note":"nothing happened"}' : x)),
      3,
      { code: 'AUDIT_NOT_AN_ENTRY', params: {} },
    ],
  ];
  for (const [what, edit, line, problem] of TAMPERS) {
    it(`names the first bad line and what is wrong there after ${what}`, () => {
      const dir = logWith(5);
      rewrite(dir, edit);
      expect(verifyAuditLog(dir)).toEqual({
        ok: false,
        entries: line - 1,
        firstBadLine: line,
        problem,
        incompleteFinalLine: false,
      });
    });
  }

  it('recovers from a torn final line: it is reported, then cut before the next append', () => {
    const dir = logWith(3);
    appendFileSync(auditPath(dir), '{"seq":3,"time":"2026');
    expect(verifyAuditLog(dir)).toMatchObject({ ok: true, entries: 3, incompleteFinalLine: true });
    appendAuditEvent(dir, { event: 'start' });
    expect(verifyAuditLog(dir)).toEqual({ ok: true, entries: 4, incompleteFinalLine: false });
  });

  it('two processes appending at once never interleave lines or reuse a sequence number', async () => {
    const dir = tempDir('airlock-audit-');
    const children = [appender(dir, 'a', 40), appender(dir, 'b', 40)];
    await Promise.all(children.map((c) => new Promise((resolve) => c.on('exit', resolve))));
    expect(children.map((c) => c.exitCode)).toEqual([0, 0]);
    expect(verifyAuditLog(dir)).toEqual({ ok: true, entries: 80, incompleteFinalLine: false });
    const labels = readAuditEntries(dir).map((e) => (e.details as { label: string }).label);
    expect(labels.filter((l) => l === 'a')).toHaveLength(40);
  });

  it('survives being killed with SIGKILL mid-append many times, losing no complete entry', async () => {
    const dir = tempDir('airlock-audit-');
    let before = 0;
    for (let round = 0; round < 12; round++) {
      const child = appender(dir, `r${round}`, -1);
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + ((round * 37) % 60)));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      const result = verifyAuditLog(dir);
      expect(result.ok).toBe(true);
      expect(result.entries).toBeGreaterThan(before);
      before = result.entries;
    }
  });
});
