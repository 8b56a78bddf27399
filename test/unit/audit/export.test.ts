import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent, auditPath } from '../../../src/audit/log';
import { createAssembler } from '../../../src/qr/assembler';
import { runCli, tempDir } from '../../helpers/cli';

function logWithEntries(): string {
  const dataDir = tempDir();
  for (let i = 0; i < 40; i++)
    appendAuditEvent(dataDir, { event: 'psbt-loaded', wallet: 'cold', psbtHash: 'ab'.repeat(32) });
  return dataDir;
}

describe('audit export', () => {
  it('writes the verified log byte for byte to --out', async () => {
    const dataDir = logWithEntries();
    const out = join(dataDir, 'export.jsonl');
    const result = await runCli(['--data-dir', dataDir, 'audit', 'export', '--out', out]);
    expect(result.status).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(auditPath(dataDir)));
  });

  it('as QR frames that the scanner side reassembles into the same bytes', async () => {
    const dataDir = logWithEntries();
    const result = await runCli(['--data-dir', dataDir, 'audit', 'export', '--qr']);
    expect(result.status).toBe(0);
    const frames = result.stdout.trim().split('\n');
    expect(frames.length).toBeGreaterThan(1);
    const assembler = createAssembler();
    let last = assembler.receive(frames[0] ?? '');
    for (const frame of frames.slice(1)) last = assembler.receive(frame);
    expect(last.status).toBe('complete');
    const bytes = last.payload?.bytes;
    expect(bytes && Buffer.from(bytes).equals(readFileSync(auditPath(dataDir)))).toBe(true);
  });

  it('refuses to export a tampered log (exit 3), naming the bad line', async () => {
    const dataDir = logWithEntries();
    const text = readFileSync(auditPath(dataDir), 'utf8').replace('"seq":3,', '"seq":4,');
    writeFileSync(auditPath(dataDir), text);
    const result = await runCli(['--data-dir', dataDir, 'audit', 'export']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('line 4');
  });
});
