import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UR, UREncoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { auditPath } from '../../../src/audit/log';
import { WalletSchema } from '../../../src/wallet/types';
import { runCli, tempDir } from '../../helpers/cli';
import { fixture, fixturePath } from './support';

function auditEvents(
  dataDir: string,
): { event: string; wallet?: string; details?: Record<string, unknown> }[] {
  return readFileSync(auditPath(dataDir), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe('airlock wallet', () => {
  it('imports a Coldcard file, lists and shows it, and logs the registration once', async () => {
    const dataDir = tempDir();
    const imported = await runCli([
      '--data-dir',
      dataDir,
      'wallet',
      'import',
      fixturePath('coldcard/export-p2wsh-myself.txt'),
    ]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Wallet:     CC-2-of-4');
    expect(imported.stdout).toContain('Policy:     2 of 4');
    expect(imported.stderr).toContain('Registered wallet "CC-2-of-4"');

    const again = await runCli([
      '--data-dir',
      dataDir,
      'wallet',
      'import',
      fixturePath('coldcard/export-p2wsh-myself.txt'),
    ]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('already registered');

    const events = auditEvents(dataDir);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'wallet-registered', wallet: 'CC-2-of-4' });
    expect(String(events[0]?.details?.descriptor)).toMatch(
      /^wsh\(sortedmulti\(2,\[0f056943\/48h\/1h\/0h\/2h\]/,
    );

    const list = await runCli(['--data-dir', dataDir, 'wallet', 'list']);
    expect(list).toMatchObject({ status: 0, stdout: 'CC-2-of-4\t2-of-4\tp2wsh\ttestnet\tunassigned\n' });

    const show = await runCli(['--data-dir', dataDir, '--json', 'wallet', 'show', 'CC-2-of-4']);
    expect(show.status).toBe(0);
    const wallet = WalletSchema.parse(JSON.parse(show.stdout));
    expect(wallet.cosigners.map((c) => c.fingerprint)).toEqual([
      '0f056943',
      '6ba6cfd0',
      '747b698e',
      '7bb026be',
    ]);

    const listJson = await runCli(['--data-dir', dataDir, 'wallet', 'list', '--json']);
    expect(JSON.parse(listJson.stdout)).toEqual({ wallets: [wallet] });
  });

  it('imports a descriptor given inline, with a name and a network, and from standard input', async () => {
    const dataDir = tempDir();
    const descriptor = fixture('coldcard/desc-p2sh-myself.txt').trim();
    const inline = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'wallet',
      'import',
      descriptor,
      '--name',
      'vault',
      '--network',
      'signet',
    ]);
    expect(inline.status).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({ name: 'vault', network: 'signet', scriptType: 'p2sh' });

    const piped = await runCli(['--data-dir', dataDir, 'wallet', 'import', '-', '--name', 'bsms'], {
      stdin: fixture('sparrow/bsms/multisig-2.bsms'),
    });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain(
      'First receive address: bc1qrgc6p3kylfztu06ysl752gwwuekhvtfh9vr7zg43jvu60mutamcsv948ej',
    );
  });

  it('imports a wallet QR code given as its UR text', async () => {
    const dataDir = tempDir();
    const { vectors } = JSON.parse(fixture('ur/crypto-output-vectors.json')) as {
      vectors: { cborHex: string }[];
    };
    const ur = new UREncoder(
      new UR(Buffer.from(vectors[1]?.cborHex ?? '', 'hex'), 'crypto-output'),
      10_000,
    ).nextPart();
    const result = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'wallet',
      'import',
      ur.toUpperCase(),
      '--name',
      'qr',
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'qr', threshold: 2, scriptType: 'p2wsh' });
  });

  it('resolves a relative file against the working directory', async () => {
    const dataDir = tempDir();
    const result = await runCli(
      ['--data-dir', dataDir, 'wallet', 'import', 'bitcoin-2-of-2-P2SH_MAINNET.json'],
      {
        cwd: fixturePath('caravan'),
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('First receive address: 3PiCF26aq57Wo5DJEbFNTVwD1bLCUEpAYZ');
  });

  it.each([
    [
      'a BSMS record whose first address was made from other keys',
      'sparrow/bsms/multisig-address-mismatch.bsms',
      'BSMS_ADDRESS_MISMATCH',
    ],
    ['a threshold of zero', 'sparrow/caravan-multisig-export-2.json', 'THRESHOLD_INVALID'],
    ['a single-signature descriptor', 'sparrow/descriptor-receive.txt', 'DESCRIPTOR_UNSUPPORTED'],
  ])('exits 2 with a JSON error for %s, registering nothing', async (_name, path, code) => {
    const dataDir = tempDir();
    const result = await runCli(['--data-dir', dataDir, '--json', 'wallet', 'import', fixturePath(path)]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code, message: expect.any(String) } });
    expect(result.stderr).not.toContain('    at ');
    expect((await runCli(['--data-dir', dataDir, '--json', 'wallet', 'list'])).stdout).toBe(
      '{"wallets":[]}\n',
    );
    expect(auditEvents(dataDir)).toEqual([
      expect.objectContaining({ event: 'wallet-import-refused', outcome: 'bad-input', reason: code }),
    ]);
  });

  it('exits 2 for a missing file, an oversized file, bad arguments and an unknown wallet', async () => {
    const dataDir = tempDir();
    const big = join(dataDir, 'big.txt');
    writeFileSync(big, 'x'.repeat(65 * 1024));
    const cases: [string[], string][] = [
      [['wallet', 'import', join(dataDir, 'missing.txt')], 'FILE_UNREADABLE'],
      [['wallet', 'import', big], 'WALLET_FILE_TOO_LARGE'],
      [['wallet', 'import'], 'BAD_ARGUMENTS'],
      [
        ['wallet', 'import', fixturePath('coldcard/desc-p2sh-myself.txt'), '--network', 'moon'],
        'BAD_ARGUMENTS',
      ],
      [
        ['wallet', 'import', fixturePath('coldcard/desc-p2sh-myself.txt'), '--name', '../x'],
        'WALLET_NAME_INVALID',
      ],
      [
        ['wallet', 'import', fixturePath('coldcard/desc-p2sh-myself.txt'), '--network', 'mainnet'],
        'NETWORK_MISMATCH',
      ],
      [['wallet', 'show', 'nope'], 'WALLET_NOT_FOUND'],
      [['wallet', 'frobnicate'], 'BAD_ARGUMENTS'],
    ];
    for (const [args, code] of cases) {
      const result = await runCli(['--data-dir', dataDir, '--json', ...args]);
      expect({ args, status: result.status, code: JSON.parse(result.stdout).error.code }).toEqual({
        args,
        status: 2,
        code,
      });
    }
  });

  it('exits 3 when another wallet is already registered under the name', async () => {
    const dataDir = tempDir();
    await runCli([
      '--data-dir',
      dataDir,
      'wallet',
      'import',
      fixturePath('coldcard/desc-p2sh-myself.txt'),
      '--name',
      'vault',
    ]);
    const clash = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'wallet',
      'import',
      fixturePath('coldcard/desc-p2wsh-myself.txt'),
      '--name',
      'vault',
    ]);
    expect(clash.status).toBe(3);
    expect(JSON.parse(clash.stdout).error.code).toBe('WALLET_NAME_TAKEN');
  });
});
