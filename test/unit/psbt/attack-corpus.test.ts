import { readFileSync, writeFileSync } from 'node:fs';
import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { MAX_PSBT_BYTES } from '../../../src/psbt/parse';
import { compactSize } from '../../../src/psbt/raw-map';
import { WARNING } from '../../../src/psbt/warnings';
import { runCli } from '../../helpers/cli';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  lookalikeWallet,
  OUTSIDER_MNEMONIC,
  TEST_MNEMONICS,
  testWallet,
} from '../../helpers/multisig-psbt';
import { cliWorkspace } from './cli-fixture';

/**
 * The amount, fee and network lies hardware signers have been caught by (issue 2's attack corpus).
 * Every refusal must leave the input file as it was and output no signature.
 */
const wallet = testWallet();
const plain = () =>
  buildPsbt({
    wallet,
    inputs: [
      { index: 0, amount: 100_000n },
      { index: 1, amount: 40_000n },
    ],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 120_000n },
      { change: { index: 0 }, amount: 19_000n },
    ],
  });

/** A one-input spend of another wallet's coin. */
const spendOf = (owner: ReturnType<typeof testWallet>) =>
  buildPsbt({
    wallet: owner,
    inputs: [{ index: 0, amount: 100_000n }],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
  });

async function signExpectingRefusal(
  psbt: { toBuffer(): Uint8Array } | Uint8Array,
  status: number,
  code: string,
) {
  const ws = cliWorkspace(wallet);
  const file = ws.writePsbt(psbt);
  const before = readFileSync(file);
  const result = await runCli(['--json', ...ws.signArgs(file, ws.mnemonicFiles[0]!)]);
  expect({ status: result.status, code: JSON.parse(result.stdout).error.code }).toEqual({ status, code });
  // Standard output holds only the error document: no PSBT, no signature.
  expect(result.stdout.trim().split('\n')).toHaveLength(1);
  expect(result.stdout).not.toMatch(/cHNidP8/);
  expect(result.stderr).not.toContain('    at ');
  // Byte comparison (toEqual on a multi-megabyte buffer is needlessly slow).
  expect(readFileSync(file).equals(before)).toBe(true);
  const refusal = ws.audit().at(-1);
  expect(refusal).toMatchObject({
    event: 'refused',
    wallet: wallet.name,
    reason: expect.stringContaining(code),
  });
  return result;
}

async function inspectJson(psbt: { toBuffer(): Uint8Array }) {
  const ws = cliWorkspace(wallet);
  const result = await runCli(['--data-dir', ws.dataDir, '--json', 'inspect', ws.writePsbt(psbt)]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** Replaces a byte string inside a PSBT's serialization (for lies the libraries would not let us build). */
function patch(psbt: { toBuffer(): Uint8Array }, from: Uint8Array, to: Uint8Array): Uint8Array {
  const hex = Buffer.from(psbt.toBuffer()).toString('hex');
  const needle = Buffer.from(from).toString('hex');
  expect(hex.split(needle)).toHaveLength(2);
  return new Uint8Array(Buffer.from(hex.replace(needle, Buffer.from(to).toString('hex')), 'hex'));
}

function outpoint(hash: Uint8Array, index: number): Uint8Array {
  const bytes = new Uint8Array(36);
  bytes.set(hash);
  new DataView(bytes.buffer).setUint32(32, index, true);
  return bytes;
}

describe('attack corpus', () => {
  it('change with correct-looking derivation paths but a foreign key is external, with a warning', async () => {
    const attacker = lookalikeWallet();
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 1_000n },
        { change: { index: 0 }, amount: 98_000n, wallet: attacker },
      ],
    });
    const review = await inspectJson(psbt);
    expect(review.outputs[1].kind).toBe('external');
    expect(review.warnings.map((w: { code: string }) => w.code)).toContain(WARNING.FOREIGN_CHANGE);
  });

  it('an input amount only from a witness UTXO is unproven, with a warning', async () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n, previousTx: false }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    const review = await inspectJson(psbt);
    expect(review.inputs[0].amountProven).toBe(false);
    expect(review.warnings.map((w: { code: string }) => w.code)).toEqual([WARNING.WITNESS_UTXO_ONLY]);
  });

  it('a non-witness UTXO whose hash is not the spent txid is bad input (exit 2)', async () => {
    const psbt = plain();
    // Input 0 carries the previous transaction of input 1.
    psbt.data.inputs[0]!.nonWitnessUtxo = psbt.data.inputs[1]!.nonWitnessUtxo;
    await signExpectingRefusal(psbt, 2, 'UTXO_TXID_MISMATCH');
  });

  it('a witness UTXO that disagrees with the non-witness UTXO is bad input (exit 2)', async () => {
    const psbt = plain();
    psbt.data.inputs[0]!.witnessUtxo!.value = 1_000_000n;
    await signExpectingRefusal(psbt, 2, 'WITNESS_UTXO_MISMATCH');
  });

  it('an output index past the end of the previous transaction is bad input (exit 2)', async () => {
    const psbt = plain();
    const input = psbt.txInputs[0]!;
    const previous = Transaction.fromBuffer(psbt.data.inputs[0]!.nonWitnessUtxo!);
    const bytes = patch(psbt, outpoint(input.hash, input.index), outpoint(input.hash, previous.outs.length));
    await signExpectingRefusal(bytes, 2, 'UTXO_VOUT_MISSING');
  });

  it('a legacy P2SH input without its previous transaction is bad input (exit 2)', async () => {
    const legacy = testWallet({ scriptType: 'p2sh', name: 'legacy' });
    const ws = cliWorkspace(legacy);
    const psbt = buildPsbt({
      wallet: legacy,
      inputs: [{ index: 0, amount: 100_000n, previousTx: false, witnessUtxo: true }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    const result = await runCli(ws.signArgs(ws.writePsbt(psbt), ws.mnemonicFiles[0]!));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('legacy P2SH input without its previous transaction');
    expect(result.stdout).toBe('');
  });

  it('a PSBT for another network is refused (exit 3)', async () => {
    await signExpectingRefusal(spendOf(testWallet({ network: 'mainnet' })), 3, 'NETWORK_MISMATCH');
  });

  it('SIGHASH_NONE requested is refused (exit 3)', async () => {
    const psbt = plain();
    psbt.updateInput(1, { sighashType: Transaction.SIGHASH_NONE });
    await signExpectingRefusal(psbt, 3, 'SIGHASH_REFUSED');
  });

  it('SIGHASH_ALL|ANYONECANPAY requested is refused (exit 3)', async () => {
    const psbt = plain();
    psbt.updateInput(0, { sighashType: Transaction.SIGHASH_ALL | Transaction.SIGHASH_ANYONECANPAY });
    await signExpectingRefusal(psbt, 3, 'SIGHASH_REFUSED');
  });

  it('a key that is not a cosigner of the wallet is refused (exit 3)', async () => {
    const ws = cliWorkspace(wallet);
    const outsider = `${ws.dir}/outsider.txt`;
    writeFileSync(outsider, OUTSIDER_MNEMONIC);
    const result = await runCli(ws.signArgs(ws.writePsbt(plain()), outsider));
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('not one of the cosigners');
    expect(result.stdout).toBe('');
  });

  it('no input of the wallet is nothing to sign (exit 4)', async () => {
    const other = testWallet({ mnemonics: [OUTSIDER_MNEMONIC, TEST_MNEMONICS[1], TEST_MNEMONICS[2]] });
    await signExpectingRefusal(spendOf(other), 4, 'NOTHING_TO_SIGN');
  });

  it('duplicate inputs are bad input (exit 2)', async () => {
    const psbt = plain();
    const [first, second] = psbt.txInputs;
    const bytes = patch(psbt, outpoint(second!.hash, second!.index), outpoint(first!.hash, first!.index));
    await signExpectingRefusal(bytes, 2, 'DUPLICATE_INPUT');
  });

  it('a truncated PSBT is bad input (exit 2)', async () => {
    const bytes = plain().toBuffer();
    await signExpectingRefusal(bytes.subarray(0, bytes.length - 7), 2, 'PSBT_INVALID');
  });

  it('an oversized PSBT is bad input (exit 2)', async () => {
    // A valid PSBT whose global map gains a proprietary record that takes it past the limit.
    const bytes = plain().toBuffer();
    const padding = new Uint8Array(MAX_PSBT_BYTES);
    const record = [compactSize(2), Uint8Array.of(0xfc, 0x01), compactSize(padding.length), padding];
    const huge = new Uint8Array(Buffer.concat([bytes.subarray(0, 5), ...record, bytes.subarray(5)]));
    await signExpectingRefusal(huge, 2, 'PSBT_TOO_LARGE');
  });
});
