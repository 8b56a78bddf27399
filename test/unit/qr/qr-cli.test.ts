import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';

const wallet = testWallet();
const psbt = buildPsbt({
  wallet,
  inputs: Array.from({ length: 6 }, (_, index) => ({ index, amount: 100_000n })),
  outputs: [{ script: EXTERNAL_SCRIPT, amount: 590_000n }],
});

describe('airlock qr', () => {
  for (const format of ['ur', 'bbqr', 'base64'] as const) {
    it(`encodes a PSBT as ${format} payload lines and decodes them back to the same PSBT`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'in.psbt'), psbt.toHex());
      const encoded = await runCli([
        'qr',
        'encode',
        join(dir, 'in.psbt'),
        '--format',
        format,
        '--density',
        'low',
      ]);
      expect(encoded.status).toBe(0);
      const lines = encoded.stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThan(1);
      const decoded = await runCli(['qr', 'decode', '-'], { stdin: [...lines].reverse().join('\n') });
      expect(decoded).toMatchObject({ status: 0, stdout: `${psbt.toBase64()}\n` });
    });
  }

  it('writes PNG frames and reads them back from the images', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.psbt'), psbt.toBuffer());
    const encoded = await runCli([
      'qr',
      'encode',
      join(dir, 'in.psbt'),
      '--format',
      'bbqr',
      '--png-dir',
      join(dir, 'frames'),
    ]);
    expect(encoded.status).toBe(0);
    const pngs = readdirSync(join(dir, 'frames')).map((f) => join(dir, 'frames', f));
    const decoded = await runCli(['--json', 'qr', 'decode', ...pngs.flatMap((p) => ['--png', p])]);
    expect(decoded.status).toBe(0);
    expect(JSON.parse(decoded.stdout)).toEqual({
      format: 'bbqr',
      kind: 'psbt',
      urType: null,
      data: psbt.toBase64(),
    });
  });

  it('exits 2 with a clear message for incomplete, mixed or garbage input', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.psbt'), psbt.toBase64());
    const lines = (
      await runCli(['qr', 'encode', join(dir, 'in.psbt'), '--format', 'bbqr', '--density', 'low'])
    ).stdout
      .trim()
      .split('\n');
    const incomplete = await runCli(['--json', 'qr', 'decode', '-'], { stdin: lines.slice(1).join('\n') });
    expect(incomplete.status).toBe(2);
    expect(JSON.parse(incomplete.stdout).error.message).toMatch(/incomplete/);
    const garbage = await runCli(['qr', 'decode', '-'], { stdin: 'hello\nworld\n' });
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toContain('no frame could be used');
    expect((await runCli(['qr', 'encode', join(dir, 'missing.psbt')])).status).toBe(2);
    expect((await runCli(['qr', 'encode', join(dir, 'in.psbt'), '--format', 'gif'])).status).toBe(2);
  });

  it("works from the installed bin under Node's own module loader (UR and PNG frames)", () => {
    // vitest's module interop hides default-import mistakes that plain Node would hit.
    const dir = tempDir();
    writeFileSync(join(dir, 'in.psbt'), psbt.toBase64());
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'airlock.js');
    const airlock = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
    const encoded = airlock(
      'qr',
      'encode',
      join(dir, 'in.psbt'),
      '--format',
      'ur',
      '--png-dir',
      join(dir, 'png'),
    );
    expect(encoded.status).toBe(0);
    const pngs = readdirSync(join(dir, 'png')).map((f) => join(dir, 'png', f));
    const decoded = airlock('qr', 'decode', ...pngs.flatMap((p) => ['--png', p]));
    expect(decoded.stdout).toBe(`${psbt.toBase64()}\n`);
  });
});
