import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli';

describe('airlock shares card', () => {
  it('prints a printable card for one share to standard output and writes nothing else', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const split = await runCli(['shares', 'split', '--threshold', '2', '--shares', '3', '--random']);
    const share = split.stdout.trim().split('\n')[1]!;
    writeFileSync(join(dir, 's.txt'), share);
    const card = await runCli([
      '--data-dir',
      dataDir,
      'shares',
      'card',
      '--share-file',
      join(dir, 's.txt'),
      '--of',
      '3',
      '--fingerprint',
      'e08ca00a',
    ]);
    expect(card.status).toBe(0);
    expect(card.stdout).toContain('Share 2 of 3, 2 needed');
    expect(card.stdout).toContain('<svg');
    expect(readdirSync(dir)).toEqual(['s.txt']);
    const bad = await runCli([
      'shares',
      'card',
      '--share-file',
      join(dir, 's.txt'),
      '--of',
      '3',
      '--fingerprint',
      'nope',
    ]);
    expect(bad.status).toBe(2);
  });
});
