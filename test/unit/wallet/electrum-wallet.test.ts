import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAirlockMain } from '../../../main/api/app';
import { airlockCore } from '../../../main/api/core';
import { WalletDeriver } from '../../../src/wallet/derive';
import { importWalletDetailed } from '../../../src/wallet/import';
import { runCli, tempDir } from '../../helpers/cli';
import { value } from '../../helpers/ipc-result';
import { errorCodeOf, fixture, fixturePath } from './support';

// Electrum wallet files from Coldcard's firmware tests, Sparrow's tests and Electrum's own storage tests;
// sources and commits in test/fixtures/wallet/README.md.

const PYTHON = '/usr/bin/python3';
const ELECTRUM_SCRIPT = join(import.meta.dirname, 'electrum_wallet_file.py');

interface ElectrumView {
  m: number;
  n: number;
  txinType: string;
  receive: string;
  change: string;
}

/** What Electrum (Debian python3-electrum) makes of the same files: it opens them as its own wallets. */
function electrumOpens(net: 'mainnet' | 'testnet', files: string[]): ElectrumView[] {
  const input = JSON.stringify({ net, files: files.map(fixture) });
  return JSON.parse(execFileSync(PYTHON, [ELECTRUM_SCRIPT], { input, encoding: 'utf8' })) as ElectrumView[];
}

const SCRIPT_TYPES = { p2wsh: 'p2wsh', 'p2wsh-p2sh': 'p2sh-p2wsh', p2sh: 'p2sh' } as const;

describe('Electrum multisig wallet files written by Coldcard and Sparrow (testnet, 2 of 4)', () => {
  const files = [
    'coldcard/el-p2wsh-myself.json',
    'coldcard/el-p2sh-p2wsh-myself.json',
    'coldcard/el-p2sh-myself.json',
    'sparrow/electrum-multisig-wallet.json',
  ];
  const electrum = electrumOpens('testnet', files);

  it.each(files.map((file, i) => [file, electrum[i]!] as const))(
    '%s registers the wallet Electrum opens from it',
    (file, reference) => {
      const { wallet, format, notes } = importWalletDetailed({ text: fixture(file) });
      expect(format).toBe('electrum');
      expect(notes).toEqual([]);
      expect(wallet.network).toBe('testnet');
      expect(wallet.threshold).toBe(reference.m);
      expect(wallet.cosigners).toHaveLength(reference.n);
      expect(wallet.scriptType).toBe(SCRIPT_TYPES[reference.txinType as keyof typeof SCRIPT_TYPES]);
      // Coldcard's ckcc_xfp is the fingerprint read little-endian; Sparrow's labels print it as hex.
      expect(wallet.cosigners.map((c) => c.fingerprint).sort()).toEqual([
        '0f056943',
        '6ba6cfd0',
        '747b698e',
        '7bb026be',
      ]);
      const deriver = new WalletDeriver(wallet);
      expect([deriver.address(0, 0), deriver.address(1, 0)]).toEqual([reference.receive, reference.change]);
    },
  );

  it.each(['p2wsh', 'p2sh-p2wsh', 'p2sh'])(
    'Coldcard exports the same %s wallet as an Electrum file and as its own multisig file',
    (type) => {
      const electrumFile = importWalletDetailed({ text: fixture(`coldcard/el-${type}-myself.json`) }).wallet;
      const coldcardFile = importWalletDetailed({
        text: fixture(`coldcard/export-${type}-myself.txt`),
      }).wallet;
      expect(electrumFile.descriptor).toBe(coldcardFile.descriptor);
    },
  );

  it('reads the fingerprint Electrum 4 writes (root_fingerprint) as Coldcard’s ckcc_xfp', () => {
    const document = JSON.parse(fixture('coldcard/el-p2wsh-myself.json'));
    for (let i = 1; i <= 4; i++) {
      const keystore = document[`x${i}/`];
      keystore.root_fingerprint = Buffer.from(Uint32Array.of(keystore.ckcc_xfp).buffer).toString('hex');
      delete keystore.ckcc_xfp;
      keystore.type = 'bip32';
    }
    const electrum4 = importWalletDetailed({ text: JSON.stringify(document) }).wallet;
    expect(electrum4.descriptor).toBe(
      importWalletDetailed({ text: fixture('coldcard/el-p2wsh-myself.json') }).wallet.descriptor,
    );
  });

  it('refuses a keystore whose master fingerprint is unknown', () => {
    const document = JSON.parse(fixture('coldcard/el-p2wsh-myself.json'));
    delete document['x3/'].ckcc_xfp;
    expect(errorCodeOf(() => importWalletDetailed({ text: JSON.stringify(document) }))).toBe(
      'KEY_ORIGIN_MISSING',
    );
  });
});

/** Every secret string in an Electrum file: seeds, xprvs, passphrases. */
function secretsIn(text: string): string[] {
  const secrets: string[] = [];
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string' && ['seed', 'xprv', 'passphrase'].includes(key)) secrets.push(value);
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(JSON.parse(text), '');
  return secrets;
}

function everyFileUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('Electrum wallet files that hold seeds and private keys (spesmilo/electrum storage tests)', () => {
  it.each(['client_2_9_3_multisig', 'client_2_8_3_multisig'])(
    '%s registers the 2-of-2 P2SH wallet with the addresses Electrum listed in it',
    (file) => {
      const text = fixture(`electrum/${file}`);
      const published = JSON.parse(text).addresses as { receiving: string[]; change: string[] };
      const { wallet, notes } = importWalletDetailed({ text });
      expect([wallet.network, wallet.scriptType, wallet.threshold, wallet.cosigners.length]).toEqual([
        'mainnet',
        'p2sh',
        2,
        2,
      ]);
      // Electrum 2.x multisig keys are master keys: m is their whole path.
      expect(wallet.cosigners.map((c) => c.path)).toEqual(['m', 'm']);
      const deriver = new WalletDeriver(wallet);
      expect(deriver.address(0, 0)).toBe(published.receiving[0]);
      expect(deriver.address(1, 0)).toBe(published.change[0]);
      expect(notes).toEqual([
        expect.stringMatching(/seed or private key of cosigner 1; Airlock ignored them/),
      ]);
    },
  );

  it('stores and prints none of the seeds or private keys of an imported file', async () => {
    const path = fixturePath('electrum/client_2_9_3_multisig');
    const secrets = secretsIn(readFileSync(path, 'utf8'));
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const json of [[], ['--json']]) {
      const dataDir = join(tempDir(), 'data');
      const result = await runCli(['--data-dir', dataDir, ...json, 'wallet', 'import', path]);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^Note: the file also held the seed or private key of cosigner 1/);
      const everything = `${result.stdout}\n${result.stderr}\n${everyFileUnder(dataDir)}`;
      // The wallet was stored (its public keys are there), its secrets were not.
      expect(everyFileUnder(dataDir)).toContain(JSON.parse(readFileSync(path, 'utf8'))['x1/'].xpub);
      for (const secret of secrets) expect(everything).not.toContain(secret);
    }
  });

  it('tells the app operator the secrets were ignored, and stores none of them', async () => {
    const dataDir = tempDir();
    const { handlers } = createAirlockMain({ dataDir, core: airlockCore, appVersion: 'test' });
    const text = fixture('electrum/client_2_9_3_multisig');
    const imported = await value(handlers.importWallet({ text, name: 'electrum' }));
    expect(imported.notes).toEqual([expect.stringMatching(/seed or private key of cosigner 1/)]);
    const stored = everyFileUnder(dataDir);
    expect(stored).toContain(imported.cosigners[0]!.xpub);
    for (const secret of secretsIn(text)) expect(stored).not.toContain(secret);
  });

  it('refuses a single-signature Electrum file and neither stores nor prints its seed', async () => {
    const path = fixturePath('sparrow/electrum-singlesig-seed-wallet.json');
    const secrets = secretsIn(readFileSync(path, 'utf8'));
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const dataDir = join(tempDir(), 'data');
    const result = await runCli(['--data-dir', dataDir, '--json', 'wallet', 'import', path]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe('WALLET_FILE_UNSUPPORTED');
    const everything = `${result.stdout}\n${result.stderr}\n${everyFileUnder(dataDir)}`;
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('refuses a password-encrypted Electrum file with a plain reason (Sparrow test file)', () => {
    expect(errorCodeOf(() => importWalletDetailed({ text: fixture('sparrow/electrum-encrypted') }))).toBe(
      'WALLET_FILE_ENCRYPTED',
    );
  });
});
