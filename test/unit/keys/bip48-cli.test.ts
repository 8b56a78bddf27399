import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/common/bytes';
import { accountXpub, formatKeyWithOrigin } from '../../../src/keys/hd';
import bip39 from '../../fixtures/keys/bip39-vectors.json';
import { runCli, tempDir } from '../../helpers/cli';

// Reference keys computed with Electrum's bip32 module (python3-electrum) for "abandon … about".
const TPUB_P2WSH =
  'tpubDFH9dgzveyD8zTbPUFuLrGmCydNvxehyNdUXKJAQN8x4aZ4j6UZqGfnqFrD4NqyaTVGKbvEW54tsvPTK2UoSbCC1PJY8iCNiwTL3RWZEheQ';
const TPUB_P2SH_P2WSH =
  'tpubDFH9dgzveyD8yHQb8VrpG8FYAuwcLMHMje2CCcbBo1FpaGzYVtJeYYxcYgRqSTta5utUFts8nPPHs9C2bqoxrey5jia6Dwf9mpwrPq7YvcJ';
const MNEMONIC =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

function workspace(mnemonic = MNEMONIC) {
  const dir = tempDir('airlock-xpub-');
  const file = join(dir, 'mnemonic.txt');
  writeFileSync(file, `${mnemonic}\n`);
  const base = ['--data-dir', join(dir, 'data')];
  /** `airlock [--json] xpub export --mnemonic-file FILE <options>` */
  const exportArgs = (options: string[], { json = false } = {}) => [
    ...base,
    ...(json ? ['--json'] : []),
    'xpub',
    'export',
    '--mnemonic-file',
    file,
    ...options,
  ];
  return { dir, file, base, exportArgs };
}

describe('airlock xpub export', () => {
  it('prints the BIP-48 P2WSH account key with its origin', async () => {
    const ws = workspace();
    const result = await runCli(ws.exportArgs(['--script', 'p2wsh', '--network', 'testnet']));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`[73c5da0a/48h/1h/0h/2h]${TPUB_P2WSH}\n`);
  });

  it('prints P2SH-P2WSH keys as JSON with --json', async () => {
    const ws = workspace();
    const options = ['--script', 'p2sh-p2wsh', '--network', 'signet', '--format', 'text'];
    const result = await runCli(ws.exportArgs(options, { json: true }));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      fingerprint: '73c5da0a',
      path: "m/48'/1'/0'/1'",
      xpub: TPUB_P2SH_P2WSH,
      key: `[73c5da0a/48h/1h/0h/1h]${TPUB_P2SH_P2WSH}`,
    });
  });

  it('uses the account number and mainnet by default', async () => {
    const ws = workspace();
    const result = await runCli(ws.exportArgs(['--script', 'p2wsh', '--account', '5']));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\[73c5da0a\/48h\/0h\/5h\/2h\]xpub[1-9A-HJ-NP-Za-km-z]{107}\n$/);
  });

  it.each([
    [['--script', 'p2tr'], /--script must be p2wsh or p2sh-p2wsh/],
    [['--script', 'p2wsh', '--account=-1'], /--account must not be negative/],
    [['--script', 'p2wsh', '--account', 'x'], /--account must be a number/],
    [['--script', 'p2wsh', '--network', 'litecoin'], /--network must be mainnet, testnet, signet or regtest/],
    [
      ['--script', 'p2wsh', '--format', 'png'],
      /--format must be text, ur \(ur:crypto-account\) or ur-account-descriptor/,
    ],
  ])('rejects bad options %j as bad input', async (options, message) => {
    const result = await runCli(workspace().exportArgs(options as string[]));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
  });

  it('rejects a mistyped mnemonic without echoing any word of it', async () => {
    const ws = workspace(MNEMONIC.replace('about', 'abandon'));
    const result = await runCli(ws.exportArgs(['--script', 'p2wsh'], { json: true }));
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('MNEMONIC_INVALID');
    expect(result.stderr + result.stdout).not.toMatch(/abandon/);
  });

  it('applies the passphrase file (its final line break is not part of the passphrase)', async () => {
    const vector = bip39.vectors[1]!;
    const ws = workspace(vector.mnemonic);
    const passphraseFile = join(ws.dir, 'passphrase.txt');
    writeFileSync(passphraseFile, `${bip39.passphrase}\n`);
    const result = await runCli(ws.exportArgs(['--passphrase-file', passphraseFile, '--script', 'p2wsh']));
    expect(result.status).toBe(0);
    // The Trezor vector's seed (mnemonic + "TREZOR") through BIP-32/48.
    const expected = accountXpub({ seed: fromHex(vector.seed), scriptType: 'p2wsh', network: 'mainnet' });
    expect(result.stdout).toBe(`${formatKeyWithOrigin(expected)}\n`);
  });

  it('says when the mnemonic file is missing', async () => {
    const ws = workspace();
    const missing = join(ws.dir, 'nope.txt');
    const result = await runCli([
      ...ws.base,
      'xpub',
      'export',
      '--mnemonic-file',
      missing,
      '--script',
      'p2wsh',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot read mnemonic file');
  });
});
