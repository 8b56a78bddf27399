import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CryptoAccount, type CryptoHDKey } from '@keystonehq/bc-ur-registry';
import { URDecoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { bip32 } from '../../../src/common/ecc';
import { bitcoinNetwork } from '../../../src/common/network';
import { parsePsbt } from '../../../src/psbt/parse';
import { formatDescriptor } from '../../../src/wallet/descriptor';
import { registerWallet } from '../../../src/wallet/registry';
import type { Wallet } from '../../../src/wallet/types';
import { CONNECTED_MACHINE, runCli, tempDir } from '../../helpers/cli';
import { electrumSign } from '../../helpers/electrum';
import { buildPsbt, EXTERNAL_SCRIPT, TEST_MNEMONICS } from '../../helpers/multisig-psbt';
import { spentCoinsOf, verifyTransaction } from '../../helpers/verify-tx';

// Vector 4 of Trezor's SLIP-39 vectors: 2-of-3 shares of this 128-bit secret, passphrase TREZOR.
const VECTOR_SECRET = 'b43ceb7e57a0ea8766221624d01b0864';
const VECTOR_SHARES = [
  'shadow pistol academic always adequate wildlife fancy gross oasis cylinder mustang wrist rescue view short owner flip making coding armed',
  'shadow pistol academic acid actress prayer class unknown daughter sweater depict flip twice unkind craft early superior advocate guest smoking',
];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function writeShares(dir: string, shares: readonly string[]): string[] {
  return shares.map((share, i) => {
    const path = join(dir, `share-${i}.txt`);
    writeFileSync(path, `${share}\n`);
    return path;
  });
}

describe('airlock shares', () => {
  it('combines the official vector shares into the published master secret', async () => {
    const dir = tempDir();
    const files = writeShares(dir, VECTOR_SHARES);
    writeFileSync(join(dir, 'pass.txt'), 'TREZOR\n');
    const args = ['shares', 'combine', '--share-file', files[0]!, '--share-file', files[1]!];
    const result = await runCli([...args, '--passphrase-file', join(dir, 'pass.txt')]);
    expect(result).toMatchObject({ status: 0, stdout: `${VECTOR_SECRET}\n` });
  });

  it('exports the BIP-48 key of the official vector shares as text and as ur:crypto-account', async () => {
    const dir = tempDir();
    const passphraseFile = join(dir, 'passphrase.txt');
    writeFileSync(passphraseFile, 'TREZOR\n');
    const args = [
      '--json',
      'xpub',
      'export',
      ...writeShares(dir, VECTOR_SHARES).flatMap((f) => ['--share-file', f]),
      '--passphrase-file',
      passphraseFile,
      '--script',
      'p2sh-p2wsh',
      '--network',
      'testnet',
    ];
    const text = await runCli(args);
    expect(text.status).toBe(0);
    const key = JSON.parse(text.stdout) as { fingerprint: string; path: string; xpub: string };
    // Independent reference: the published master secret used directly as the BIP-32 seed.
    const root = bip32.fromSeed(Buffer.from(VECTOR_SECRET, 'hex'), bitcoinNetwork('testnet'));
    expect(key.path).toBe("m/48'/1'/0'/1'");
    expect(key.fingerprint).toBe(toHex(root.fingerprint));
    expect(key.xpub).toBe(root.derivePath(key.path).neutered().toBase58());

    const ur = JSON.parse((await runCli([...args, '--format', 'ur'])).stdout).key as string;
    const account = CryptoAccount.fromCBOR(URDecoder.decode(ur.toLowerCase()).cbor);
    expect(account.getMasterFingerprint().toString('hex')).toBe(key.fingerprint);
    const hdKey = account.getOutputDescriptors()[0]!.getCryptoKey() as CryptoHDKey;
    expect(toHex(hdKey.getKey())).toBe(
      toHex(bip32.fromBase58(key.xpub, bitcoinNetwork('testnet')).publicKey),
    );
  });

  it('splits a secret so that any two of three shares give it back', async () => {
    const dir = tempDir();
    const split = await runCli(
      ['shares', 'split', '--threshold', '2', '--shares', '3', '--entropy-file', '-'],
      { stdin: `${VECTOR_SECRET}\n` },
    );
    expect(split.status).toBe(0);
    const shares = split.stdout.trim().split('\n');
    expect(shares).toHaveLength(3);
    for (const pair of [
      [0, 1],
      [1, 2],
      [0, 2],
    ]) {
      const files = writeShares(
        dir,
        pair.map((i) => shares[i]!),
      );
      const combined = await runCli([
        'shares',
        'combine',
        '--share-file',
        files[0]!,
        '--share-file',
        files[1]!,
      ]);
      expect(combined.stdout.trim()).toBe(VECTOR_SECRET);
    }
    const one = writeShares(dir, [shares[0]!]);
    const tooFew = await runCli(['--json', 'shares', 'combine', '--share-file', one[0]!]);
    expect(tooFew.status).toBe(2);
    expect(JSON.parse(tooFew.stdout).error.code).toBe('SHARES_INSUFFICIENT');
  });

  it('makes no key and prints no secret while a network interface is up: exit 3, audited', async () => {
    const dataDir = join(tempDir(), 'data');
    const connected = { listInterfaces: CONNECTED_MACHINE };
    const split = await runCli(
      ['--json', '--data-dir', dataDir, 'shares', 'split', '--threshold', '2', '--shares', '3', '--random'],
      connected,
    );
    expect(split.status).toBe(3);
    expect(JSON.parse(split.stdout).error.code).toBe('AIRGAP_BLOCKED');
    expect(split.stdout).not.toMatch(/\b[a-z]+( [a-z]+){19}\b/);
    const files = writeShares(tempDir(), VECTOR_SHARES);
    const combine = await runCli(
      ['--data-dir', dataDir, 'shares', 'combine', '--share-file', files[0]!, '--share-file', files[1]!],
      connected,
    );
    expect(combine.status).toBe(3);
    expect(combine.stdout).toBe('');
    expect(combine.stderr).toMatch(/wlan0/);
    expect(combine.stderr).not.toContain(VECTOR_SECRET);
    const checks = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.event === 'airgap-check');
    expect(checks.map((c) => [c.outcome, c.details.when])).toEqual([
      ['connected', 'before-key-creation'],
      ['connected', 'before-secret-output'],
    ]);
  });

  it('splits into groups (--groups 2:2/3,3/5,1/1) that two complete groups rebuild', async () => {
    const dir = tempDir();
    const split = await runCli(
      ['--json', 'shares', 'split', '--groups', '2:2/3,3/5,1/1', '--entropy-file', '-'],
      { stdin: `${VECTOR_SECRET}\n` },
    );
    expect(split.status).toBe(0);
    const plan = JSON.parse(split.stdout) as {
      groupThreshold: number;
      groups: Array<{ threshold: number; shares: string[] }>;
    };
    expect(plan.groupThreshold).toBe(2);
    expect(plan.groups.map((g) => [g.threshold, g.shares.length])).toEqual([
      [2, 3],
      [3, 5],
      [1, 1],
    ]);
    const [first, second, third] = plan.groups.map((g) => g.shares);
    const combine = async (shares: string[]) =>
      runCli([
        '--json',
        'shares',
        'combine',
        ...writeShares(dir, shares).flatMap((f) => ['--share-file', f]),
      ]);
    const fromGroups12 = await combine([first![2]!, second![4]!, first![0]!, second![1]!, second![3]!]);
    expect(fromGroups12.stdout).toContain(VECTOR_SECRET);
    const fromGroups23 = await combine([third![0]!, second![0]!, second![2]!, second![4]!]);
    expect(fromGroups23.stdout).toContain(VECTOR_SECRET);
    // One complete group and one short of its threshold is not enough.
    const short = await combine([third![0]!, second![0]!, second![2]!]);
    expect(short.status).toBe(2);
    expect(JSON.parse(short.stdout).error.code).toBe('SHARES_INSUFFICIENT');

    const text = await runCli(['shares', 'split', '--groups', '1:2/2,1/1', '--entropy-file', '-'], {
      stdin: VECTOR_SECRET,
    });
    expect(text.stdout.trim().split('\n')).toHaveLength(3);
    for (const bad of [
      ['--groups', '4:2/3,1/1'],
      ['--groups', '1:1/3'],
      ['--groups', '2of3'],
      ['--groups', '1:2/3', '--threshold', '2'],
    ]) {
      const refused = await runCli(['shares', 'split', ...bad, '--entropy-file', '-'], {
        stdin: VECTOR_SECRET,
      });
      expect(refused.status, bad.join(' ')).toBe(2);
    }
  });

  it('reads the entropy from a file, and refuses it on the command line (visible to every process)', async () => {
    const dir = tempDir();
    const entropyFile = join(dir, 'entropy.txt');
    writeFileSync(entropyFile, `${VECTOR_SECRET.toUpperCase()}\n`);
    const fromFile = await runCli([
      'shares',
      'split',
      '--threshold',
      '2',
      '--shares',
      '3',
      '--entropy-file',
      entropyFile,
    ]);
    const shares = fromFile.stdout.trim().split('\n');
    expect(shares).toHaveLength(3);
    const combined = await runCli([
      'shares',
      'combine',
      ...writeShares(dir, shares.slice(1)).flatMap((f) => ['--share-file', f]),
    ]);
    expect(combined.stdout.trim()).toBe(VECTOR_SECRET);

    const onCommandLine = await runCli([
      '--json',
      'shares',
      'split',
      '--threshold',
      '2',
      '--shares',
      '3',
      '--entropy-hex',
      VECTOR_SECRET,
    ]);
    expect(onCommandLine.status).toBe(3);
    const { error } = JSON.parse(onCommandLine.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('SECRET_ON_COMMAND_LINE');
    expect(error.message).toMatch(/visible to every process.*--entropy-file/);
    expect(onCommandLine.stdout + onCommandLine.stderr).not.toContain(VECTOR_SECRET);
  });

  it("README's split example writes no file holding every share", () => {
    const examples = readFileSync('README.md', 'utf8')
      .split('\n')
      .filter((line) => /^\s*npx airlock shares split/.test(line));
    expect(examples.length).toBeGreaterThan(0);
    for (const line of examples) expect(line).not.toMatch(/>\s*\S/);
  });

  it('generates a random key and refuses bad parameters with exit 2', async () => {
    const random = await runCli([
      'shares',
      'split',
      '--threshold',
      '3',
      '--shares',
      '5',
      '--random',
      '--bits',
      '256',
    ]);
    expect(random.status).toBe(0);
    expect(
      random.stdout
        .trim()
        .split('\n')
        .map((s) => s.split(' ').length),
    ).toEqual([33, 33, 33, 33, 33]);
    expect((await runCli(['shares', 'split', '--threshold', '4', '--shares', '3', '--random'])).status).toBe(
      2,
    );
    expect((await runCli(['shares', 'split', '--threshold', '2', '--shares', '3'])).status).toBe(2);
    expect(
      (
        await runCli(['shares', 'split', '--threshold', '2', '--shares', '3', '--entropy-file', '-'], {
          stdin: 'zz',
        })
      ).status,
    ).toBe(2);
  });

  it('signs from a 2-of-3 quorum of share files, Electrum completes the transaction; no share, secret or key reaches any output or file', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const split = await runCli(
      ['shares', 'split', '--threshold', '2', '--shares', '3', '--entropy-file', '-'],
      { stdin: `${VECTOR_SECRET}\n` },
    );
    const shares = split.stdout.trim().split('\n');
    const shareFiles = writeShares(dir, shares);
    const exported = await runCli([
      '--json',
      'xpub',
      'export',
      '--share-file',
      shareFiles[0]!,
      '--share-file',
      shareFiles[2]!,
      '--script',
      'p2wsh',
      '--network',
      'testnet',
    ]);
    expect(exported.status).toBe(0);
    const ours = JSON.parse(exported.stdout) as { fingerprint: string; path: string; xpub: string };
    const others = await Promise.all(
      TEST_MNEMONICS.slice(1).map(async (mnemonic, i) => {
        const file = join(dir, `m${i}.txt`);
        writeFileSync(file, mnemonic);
        const r = await runCli([
          '--json',
          'xpub',
          'export',
          '--mnemonic-file',
          file,
          '--script',
          'p2wsh',
          '--network',
          'testnet',
        ]);
        return JSON.parse(r.stdout) as typeof ours;
      }),
    );
    const cosigners = [ours, ...others].map(({ fingerprint, path, xpub }) => ({ fingerprint, path, xpub }));
    const base = { scriptType: 'p2wsh' as const, sorted: true, threshold: 2, cosigners };
    const wallet: Wallet = { name: 'cold', network: 'testnet', ...base, descriptor: formatDescriptor(base) };
    registerWallet(dataDir, wallet);
    const psbtFile = join(dir, 'unsigned.psbt');
    const unsigned = buildPsbt({
      wallet,
      inputs: [{ index: 3, amount: 500_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 490_000n }],
    });
    writeFileSync(psbtFile, unsigned.toBase64());
    const outFile = join(dir, 'signed.psbt');
    const signArgs = ['--data-dir', dataDir, 'sign', psbtFile, '--wallet', 'cold', '--out', outFile];
    // The device's first quorum ceremony seals its configuration.
    const sealed = await runCli([
      '--data-dir',
      dataDir,
      'config',
      'accept',
      '--share-file',
      shareFiles[0]!,
      '--share-file',
      shareFiles[2]!,
    ]);
    expect(sealed.status).toBe(0);

    const quorum = await runCli([
      ...signArgs,
      '--share-file',
      shareFiles[1]!,
      '--share-file',
      shareFiles[2]!,
    ]);
    expect(quorum.status).toBe(0);
    const signed = parsePsbt(readFileSync(outFile, 'utf8'));
    expect(signed.data.inputs[0]!.partialSig).toHaveLength(1);
    // Electrum, holding the second cosigner's key, completes the 2-of-3 and bitcore-lib checks the result.
    const completed = electrumSign({ wallet, psbt: signed.toBase64(), mnemonic: TEST_MNEMONICS[1]! });
    expect(completed.complete).toBe(true);
    expect(verifyTransaction(completed.tx!, spentCoinsOf(unsigned))).toEqual([]);

    const single = await runCli([...signArgs, '--share-file', shareFiles[0]!]);
    expect(single.status).toBe(2);
    const wrongQuorumDir = tempDir();
    const [foreign] = (
      await runCli(['shares', 'split', '--threshold', '1', '--shares', '1', '--random'])
    ).stdout
      .trim()
      .split('\n');
    const wrong = await runCli([...signArgs, '--share-file', writeShares(wrongQuorumDir, [foreign!])[0]!]);
    expect(wrong.status).toBe(3);

    // Only `shares split` prints shares, and only on its standard output.
    const outputs = [split.stderr, exported, quorum, single, wrong]
      .map((r) => (typeof r === 'string' ? r : r.stdout + r.stderr))
      .join('\n');
    const written =
      listFiles(dataDir)
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n') + readFileSync(outFile, 'utf8');
    for (const share of [...shares, foreign!]) {
      const words = share.split(' ');
      for (let i = 0; i + 3 <= words.length; i++) {
        const run = words.slice(i, i + 3).join(' ');
        expect(written).not.toContain(run);
        expect(outputs).not.toContain(run);
      }
    }
    expect(outputs + written).not.toContain(VECTOR_SECRET);
    // Nor any private key: no extended private key, and not the raw bytes of the root or account key.
    expect(outputs + written).not.toMatch(/[xt]prv[1-9A-HJ-NP-Za-km-z]{100}/);
    const root = bip32.fromSeed(Buffer.from(VECTOR_SECRET, 'hex'), bitcoinNetwork('testnet'));
    const account = root.derivePath(ours.path);
    expect(account.neutered().toBase58()).toBe(ours.xpub);
    for (const node of [root, account]) {
      expect(outputs + written).not.toContain(toHex(node.privateKey!));
    }
  });
});
