import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { extractTransaction, finalizePsbt } from '../../src/psbt/finalize';
import { parsePsbt } from '../../src/psbt/parse';
import { reviewPsbt } from '../../src/psbt/review';
import { ReviewModelSchema } from '../../src/psbt/review-model';
import { signPsbt } from '../../src/psbt/sign';
import { WalletDeriver } from '../../src/wallet/derive';
import type { Chain, ScriptType } from '../../src/wallet/types';
import { runCli, tempDir } from '../helpers/cli';
import { electrumAddresses, electrumMakePsbt, electrumSign } from '../helpers/electrum';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  fundingTx,
  OUTSIDER_MNEMONIC,
  seedOf,
  TEST_MNEMONICS,
  testWallet,
} from '../helpers/multisig-psbt';
import { type SpentCoin, spentCoinsOf, verifyTransaction } from '../helpers/verify-tx';

const SCRIPT_TYPES: ScriptType[] = ['p2wsh', 'p2sh-p2wsh', 'p2sh'];
const INDEXES: Array<[Chain, number]> = [
  [0, 0],
  [0, 1],
  [0, 25],
  [1, 0],
  [1, 3],
];

/** The fee a final transaction pays: what its inputs spend minus what its outputs pay. */
function paidFee(tx: Transaction, spent: SpentCoin[]): bigint {
  const spentTotal = spent.reduce((sum, coin) => sum + coin.value, 0n);
  return spentTotal - tx.outs.reduce((sum, output) => sum + output.value, 0n);
}

function spend(scriptType: ScriptType) {
  const wallet = testWallet({ scriptType });
  const psbt = buildPsbt({
    wallet,
    inputs: [
      { index: 1, amount: 250_000n },
      { chain: 1, index: 3, amount: 60_000n },
    ],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 200_000n },
      { change: { index: 0 }, amount: 107_500n },
    ],
  });
  return { wallet, psbt };
}

describe.each(SCRIPT_TYPES)('2-of-3 %s with Electrum as the other cosigner', (scriptType) => {
  it('derives the same receive and change addresses as Electrum', () => {
    const wallet = testWallet({ scriptType });
    const deriver = new WalletDeriver(wallet);
    expect(INDEXES.map(([chain, index]) => deriver.address(chain, index))).toEqual(
      electrumAddresses(wallet, INDEXES),
    );
  });

  it('Airlock signs first, Electrum signs second and finalizes; bitcore-lib verifies the transaction', () => {
    const { wallet, psbt } = spend(scriptType);
    const spent = spentCoinsOf(psbt);
    const review = reviewPsbt({ psbt, wallet });
    expect(review.fee).toBe(2_500);
    expect(review.outputs.map((o) => o.kind)).toEqual(['external', 'change']);
    signPsbt({ psbt, wallet, seed: seedOf(TEST_MNEMONICS[0]!) });
    const answer = electrumSign({
      wallet,
      psbt: psbt.toBase64(),
      mnemonic: TEST_MNEMONICS[2]!,
      indexes: [[1, 3]],
    });
    expect(answer.complete).toBe(true);
    const tx = Transaction.fromHex(answer.tx!);
    expect(tx.outs.map((o) => o.value)).toEqual([200_000n, 107_500n]);
    expect(paidFee(tx, spent)).toBe(2_500n);
    expect(verifyTransaction(answer.tx!, spent)).toEqual([]);
  });

  it('Electrum signs first, Airlock signs second and finalizes; bitcore-lib verifies the transaction', () => {
    const { wallet, psbt } = spend(scriptType);
    const spent = spentCoinsOf(psbt);
    const first = electrumSign({
      wallet,
      psbt: psbt.toBase64(),
      mnemonic: TEST_MNEMONICS[1]!,
      indexes: [[1, 3]],
    });
    expect(first.complete).toBe(false);
    const fromElectrum = parsePsbt(first.psbt);
    expect(reviewPsbt({ psbt: fromElectrum, wallet }).signatures).toEqual({ present: 2, required: 4 });
    const { signedInputs } = signPsbt({ psbt: fromElectrum, wallet, seed: seedOf(TEST_MNEMONICS[0]!) });
    expect(signedInputs).toEqual([0, 1]);
    const txHex = extractTransaction(finalizePsbt(fromElectrum));
    const tx = Transaction.fromHex(txHex);
    expect(tx.outs.map((o) => o.value)).toEqual([200_000n, 107_500n]);
    expect(paidFee(tx, spent)).toBe(2_500n);
    expect(verifyTransaction(txHex, spent)).toEqual([]);
  });

  it("reviews Electrum's own PSBT: its change is change, the payee external, the fee Electrum's; both sign", () => {
    const wallet = testWallet({ scriptType });
    const deriver = new WalletDeriver(wallet);
    const funding = [
      fundingTx(deriver.script(0, 2).outputScript, 150_000n),
      fundingTx(deriver.script(0, 7).outputScript, 90_000n, 0),
    ];
    const made = electrumMakePsbt({
      wallet,
      funding: funding.map((tx) => tx.toHex()),
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 200_000n }],
      fee: 1_234,
      indexes: [[0, 7]],
    });
    expect(made.fee).toBe(1_234);
    expect(made.outputs.map((o) => o.change).sort()).toEqual([false, true]);

    const psbt = parsePsbt(made.psbt);
    const review = reviewPsbt({ psbt, wallet });
    expect(review.fee).toBe(made.fee);
    expect(review.outputs.map((o) => o.kind)).toEqual(
      made.outputs.map((o) => (o.change ? 'change' : 'external')),
    );
    const change = made.outputs.find((o) => o.change)!;
    expect(change.amount).toBe(150_000 + 90_000 - 200_000 - 1_234);

    const spent = spentCoinsOf(psbt);
    signPsbt({ psbt, wallet, seed: seedOf(TEST_MNEMONICS[1]!) });
    const answer = electrumSign({
      wallet,
      psbt: psbt.toBase64(),
      mnemonic: TEST_MNEMONICS[0]!,
      indexes: [[0, 7]],
    });
    expect(answer.complete).toBe(true);
    expect(verifyTransaction(answer.tx!, spent)).toEqual([]);
  });

  it('a tampered signature fails independent verification (the verifier can fail)', () => {
    const { wallet, psbt } = spend(scriptType);
    const spent = spentCoinsOf(psbt);
    signPsbt({ psbt, wallet, seed: seedOf(TEST_MNEMONICS[0]!) });
    const answer = electrumSign({
      wallet,
      psbt: psbt.toBase64(),
      mnemonic: TEST_MNEMONICS[2]!,
      indexes: [[1, 3]],
    });
    const tx = Transaction.fromHex(answer.tx!);
    tx.outs[0]!.value -= 1n;
    expect(verifyTransaction(tx.toHex(), spent)).not.toEqual([]);
  });
});

describe('the Electrum harness', () => {
  it("fails loudly, never silently unsigned, when the mnemonic is not one of the wallet's cosigners", () => {
    const { wallet, psbt } = spend('p2wsh');
    expect(() => electrumSign({ wallet, psbt: psbt.toBase64(), mnemonic: OUTSIDER_MNEMONIC })).toThrow(
      /not a cosigner of this wallet/,
    );
  });
});

describe('the airlock CLI with Electrum', () => {
  it('imports the descriptor, inspects, signs; Electrum completes; the installed bin works with no build', () => {
    const { wallet, psbt } = spend('p2wsh');
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const mnemonicFile = join(dir, 'key.txt');
    writeFileSync(mnemonicFile, `${TEST_MNEMONICS[0]}\n`);
    const psbtFile = join(dir, 'unsigned.psbt');
    writeFileSync(psbtFile, psbt.toBase64());
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'airlock.js');
    const airlock = (...args: string[]) =>
      spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });

    expect(
      airlock('wallet', 'import', wallet.descriptor, '--name', 'vault', '--network', 'testnet').status,
    ).toBe(0);
    // This test host has a network: as an operator there would, it asks for the air-gap override, and
    // the device's first quorum ceremony seals it with what it was shown.
    expect(airlock('airgap', 'request', 'interop test on a networked host').status).toBe(0);
    expect(airlock('config', 'accept', '--mnemonic-file', mnemonicFile).status).toBe(0);
    const inspected = airlock('--json', 'inspect', psbtFile, '--wallet', 'vault');
    expect(inspected.status).toBe(0);
    expect(JSON.parse(inspected.stdout)).toMatchObject({
      network: 'testnet',
      fee: 2_500,
      signatures: { present: 0, required: 4 },
    });
    const signed = airlock('sign', psbtFile, '--wallet', 'vault', '--mnemonic-file', mnemonicFile);
    expect(signed.status).toBe(0);
    expect(readFileSync(psbtFile, 'utf8')).toBe(psbt.toBase64());

    const answer = electrumSign({
      wallet,
      psbt: signed.stdout.trim(),
      mnemonic: TEST_MNEMONICS[1]!,
      indexes: [[1, 3]],
    });
    expect(answer.complete).toBe(true);
    expect(verifyTransaction(answer.tx!, spentCoinsOf(psbt))).toEqual([]);
  });

  it("inspect --json of Electrum's own PSBT shows its change as change and Electrum's fee", async () => {
    const wallet = testWallet({ scriptType: 'p2wsh' });
    const funding = fundingTx(new WalletDeriver(wallet).script(0, 4).outputScript, 500_000n);
    const made = electrumMakePsbt({
      wallet,
      funding: [funding.toHex()],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 123_456n }],
      fee: 2_000,
      indexes: [[0, 4]],
    });
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    writeFileSync(join(dir, 'electrum.psbt'), made.psbt);
    const imported = await runCli([
      '--data-dir',
      dataDir,
      'wallet',
      'import',
      wallet.descriptor,
      '--name',
      'vault',
      '--network',
      'testnet',
    ]);
    expect(imported.status).toBe(0);
    const inspected = await runCli(
      ['--data-dir', dataDir, '--json', 'inspect', 'electrum.psbt', '--wallet', 'vault'],
      {
        cwd: dir,
      },
    );
    expect(inspected.status).toBe(0);
    const review = ReviewModelSchema.parse(JSON.parse(inspected.stdout));
    expect(review.fee).toBe(made.fee);
    expect(review.outputs.map((o) => [o.amount, o.kind])).toEqual(
      made.outputs.map((o) => [o.amount, o.change ? 'change' : 'external']),
    );
  });

  it('combines an Electrum-signed copy with an Airlock-signed copy and finalizes through the CLI', async () => {
    const { wallet, psbt } = spend('p2sh-p2wsh');
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const mnemonicFile = join(dir, 'key.txt');
    writeFileSync(mnemonicFile, TEST_MNEMONICS[2]!);
    writeFileSync(join(dir, 'unsigned.psbt'), psbt.toBase64());
    expect(
      (
        await runCli([
          '--data-dir',
          dataDir,
          'wallet',
          'import',
          wallet.descriptor,
          '--name',
          'vault',
          '--network',
          'testnet',
        ])
      ).status,
    ).toBe(0);
    const sealed = await runCli(['--data-dir', dataDir, 'config', 'accept', '--mnemonic-file', mnemonicFile]);
    expect(sealed.status).toBe(0);
    const ours = await runCli([
      '--data-dir',
      dataDir,
      'sign',
      join(dir, 'unsigned.psbt'),
      '--wallet',
      'vault',
      '--mnemonic-file',
      mnemonicFile,
    ]);
    expect(ours.status).toBe(0);
    writeFileSync(join(dir, 'ours.psbt'), ours.stdout);
    const theirs = electrumSign({
      wallet,
      psbt: psbt.toBase64(),
      mnemonic: TEST_MNEMONICS[0]!,
      indexes: [[1, 3]],
    });
    writeFileSync(join(dir, 'theirs.psbt'), theirs.psbt);
    const combined = await runCli([
      'combine',
      join(dir, 'ours.psbt'),
      join(dir, 'theirs.psbt'),
      '--out',
      join(dir, 'both.psbt'),
    ]);
    expect(combined.status).toBe(0);
    const finalized = await runCli(['finalize', join(dir, 'both.psbt'), '--extract']);
    expect(finalized.status).toBe(0);
    expect(verifyTransaction(finalized.stdout.trim(), spentCoinsOf(psbt))).toEqual([]);
  });
});
