import { createHash } from 'node:crypto';
import { Psbt, Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { bitcoinNetwork } from '../../../src/common/network';
import { evaluatePolicy } from '../../../src/policy/evaluate';
import { combinePsbts } from '../../../src/psbt/combine';
import { extractTransaction, finalizePsbt } from '../../../src/psbt/finalize';
import { parsePsbt } from '../../../src/psbt/parse';
import { commitmentHash, commitmentTxid } from '../../../src/psbt/reserves';
import { prepareProofOfReserves, verifyProofOfReserves } from '../../../src/psbt/reserves-proof';
import { analysePsbt, reviewPsbt } from '../../../src/psbt/review';
import { signPsbt } from '../../../src/psbt/sign';
import type { ScriptType, Wallet } from '../../../src/wallet/types';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { verifyTransaction } from '../../helpers/verify-tx';

const MESSAGE = 'Airlock treasury reserves, 2026-12-01, block 900000';
const OP_TRUE = Uint8Array.of(0x51);

function coinsOf(wallet: Wallet): Psbt {
  return buildPsbt({
    wallet,
    inputs: [
      { index: 0, amount: 150_000n },
      { chain: 1, index: 4, amount: 60_000n },
    ],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 200_000n }],
  });
}

/** The coins a finished proof spends, its commitment input as BIP-127 judges it: OP_TRUE, value 0. */
function coinsSpentBy(proof: Psbt) {
  return proof.data.inputs.map((input, i) => {
    if (i === 0) return { script: OP_TRUE, value: 0n };
    const previous = Transaction.fromBuffer(input.nonWitnessUtxo!);
    return previous.outs[proof.txInputs[i]!.index]!;
  });
}

/** Two of the three cosigners sign the proof, each on its own copy, as on two devices. */
function signedProof(wallet: Wallet, { coins = coinsOf(wallet), message = MESSAGE } = {}): Psbt {
  const unsigned = prepareProofOfReserves({ coins, wallet, message }).toBase64();
  const byA = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[0]) });
  const byC = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[2]) });
  expect(byA.signedInputs).toEqual([1, 2]);
  return finalizePsbt(combinePsbts([parsePsbt(byA.psbt.toBase64()), parsePsbt(byC.psbt.toBase64())]));
}

/** A proof built by hand, with one of BIP-127's rules broken. */
function forged(wallet: Wallet, { hashOf = MESSAGE, index = 0, outputDelta = 0n, carrier = 0 } = {}): Psbt {
  const good = prepareProofOfReserves({ coins: coinsOf(wallet), wallet, message: MESSAGE });
  const psbt = new Psbt({ network: bitcoinNetwork(wallet.network) });
  psbt.setVersion(2);
  psbt.addInput({
    hash: commitmentHash(hashOf),
    index,
    ...(carrier === 0 ? { porCommitment: MESSAGE } : {}),
  });
  for (const [i, input] of good.data.inputs.entries()) {
    if (i === 0) continue;
    const { hash, index: vout } = good.txInputs[i]!;
    psbt.addInput({
      hash,
      index: vout,
      nonWitnessUtxo: input.nonWitnessUtxo!,
      ...(input.witnessUtxo ? { witnessUtxo: input.witnessUtxo } : {}),
      ...(i === carrier ? { porCommitment: MESSAGE } : {}),
    });
  }
  psbt.addOutput({ script: good.txOutputs[0]!.script, value: good.txOutputs[0]!.value + outputDelta });
  return parsePsbt(psbt.toBase64());
}

describe('BIP-127 commitment', () => {
  it('is SHA-256 of the prefixed UTF-8 message, written in the outpoint as the digest and shown reversed', () => {
    const digest = createHash('sha256').update('Proof-of-Reserves: Some Message', 'utf8').digest();
    expect(Buffer.from(commitmentHash('Some Message'))).toEqual(digest);
    expect(commitmentTxid('Some Message')).toBe(Buffer.from(digest).reverse().toString('hex'));
  });
});

describe.each<ScriptType>(['p2wsh', 'p2sh-p2wsh', 'p2sh'])('proof of reserves, 2-of-3 %s', (scriptType) => {
  const wallet = testWallet({ scriptType });

  it('is reviewed as a proof: no payment, no fee, the coins and their total, never confirmable', () => {
    const proof = prepareProofOfReserves({ coins: coinsOf(wallet), wallet, message: MESSAGE });
    const review = reviewPsbt({ psbt: parsePsbt(proof.toBase64()), wallet });
    expect(review.purpose).toEqual({ kind: 'proof-of-reserves', message: MESSAGE, total: 210_000, coins: 2 });
    expect(review.inputs.map((i) => [i.ours, i.amountProven])).toEqual([
      [false, true],
      [true, true],
      [true, true],
    ]);
    expect(review.inputs[0]).toMatchObject({ txid: commitmentTxid(MESSAGE), vout: 0, amount: 0 });
    expect(review.outputs).toEqual([expect.objectContaining({ amount: 210_000, kind: 'change' })]);
    expect(review.fee).toBe(0);
    expect(review.warnings.map((w) => w.code)).toEqual(['PROOF_OF_RESERVES']);
    expect(review.signatures).toEqual({ present: 0, required: 4 });
  });

  it('signed by two cosigners, verifies here and in bitcore-lib on every coin', () => {
    const proof = signedProof(wallet);
    const verified = verifyProofOfReserves(proof);
    expect(verified).toMatchObject({ message: MESSAGE, total: 210_000n, coins: 2 });
    expect(verified.coinList.map((c) => c.amount)).toEqual([150_000, 60_000]);
    const txHex = extractTransaction(proof);
    expect(txHex).toBe(verified.transaction.toHex());
    expect(verifyTransaction(txHex, coinsSpentBy(proof))).toEqual([]);
  });

  it('a proof with a signature from the wrong message is refused by both verifiers', () => {
    const coins = coinsOf(wallet);
    const proof = signedProof(wallet, { coins });
    const signedOther = signedProof(wallet, { coins, message: `${MESSAGE}!` });
    // Move the other message's finished input 1 into this proof: its signature commits to another txid.
    proof.data.inputs[1] = { ...proof.data.inputs[1]!, ...pickFinal(signedOther, 1) };
    expect(() => verifyProofOfReserves(proof)).toThrow(expect.objectContaining({ code: 'SCRIPT_INVALID' }));
    const failures = verifyTransaction(extractTransaction(proof), coinsSpentBy(proof));
    expect(failures.map((f) => f.input)).toEqual([1]);
  });

  it('signing refuses a sighash other than ALL on a coin', () => {
    const proof = prepareProofOfReserves({ coins: coinsOf(wallet), wallet, message: MESSAGE });
    proof.updateInput(1, { sighashType: 0x81 });
    expect(() => signPsbt({ psbt: proof, wallet, seed: seedOf(TEST_MNEMONICS[0]) })).toThrow(
      expect.objectContaining({ code: 'SIGHASH_REFUSED' }),
    );
  });
});

function pickFinal(psbt: Psbt, index: number) {
  const input = psbt.data.inputs[index]!;
  return { finalScriptSig: input.finalScriptSig, finalScriptWitness: input.finalScriptWitness };
}

describe('forged proofs are refused, never reviewed as proofs', () => {
  const wallet = testWallet();
  const cases: Array<[string, Parameters<typeof forged>[1], RegExp]> = [
    [
      'a txid that commits to another message',
      { hashOf: 'another message' },
      /does not spend the commitment/,
    ],
    ['the commitment at output 1', { index: 1 }, /spends output 1/],
    ['an output above the sum', { outputDelta: 1n }, /210001 sat is not the 210000 sat/],
    ['an output below the sum (a fee)', { outputDelta: -500n }, /209500 sat is not the 210000 sat/],
    ['the message on another input', { carrier: 1 }, /input 1 carries the message/],
  ];
  it.each(cases)('%s', (_name, options, reason) => {
    const psbt = forged(wallet, options);
    for (const check of [() => analysePsbt({ psbt, wallet }), () => verifyProofOfReserves(psbt)]) {
      expect(check).toThrow(expect.objectContaining({ kind: 'refused', code: 'NOT_A_PROOF_OF_RESERVES' }));
      expect(check).toThrow(reason);
    }
  });

  it('an honest forgery-free proof built the same way is accepted (the cases above can pass)', () => {
    expect(analysePsbt({ psbt: forged(wallet, {}), wallet }).review.purpose?.kind).toBe('proof-of-reserves');
  });

  it("prepare refuses coins that are not the wallet's or whose amounts are unproven", () => {
    const foreign = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1000n, from: testWallet({ threshold: 1 }) }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 900n }],
    });
    expect(() => prepareProofOfReserves({ coins: foreign, wallet, message: MESSAGE })).toThrow(
      expect.objectContaining({ code: 'COIN_NOT_OURS' }),
    );
    const unproven = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1000n, previousTx: false }],
      outputs: [],
    });
    expect(() => prepareProofOfReserves({ coins: unproven, wallet, message: MESSAGE })).toThrow(
      expect.objectContaining({ code: 'AMOUNT_UNPROVEN' }),
    );
  });
});

describe('policy on a proof of reserves', () => {
  it("counts nothing as sent and names no destination, even when the proof's output is not the wallet's", () => {
    const wallet = testWallet();
    const proof = forged(wallet, {});
    const review = reviewPsbt({ psbt: proof, wallet });
    expect(review.outputs[0]!.kind).toBe('external');
    const policy = {
      wallet: wallet.name,
      maxPerTransaction: 1000,
      allowedDestinations: [{ address: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx' }],
    };
    expect(evaluatePolicy({ policy, review, sentLast24h: 0, approvers: [] })).toEqual([]);
    // The same rules do refuse a payment of that size (the check can fail).
    expect(
      evaluatePolicy({
        policy,
        review: { ...review, purpose: undefined },
        sentLast24h: 0,
        approvers: [],
      }).map((v) => v.code),
    ).toEqual(['DESTINATION_NOT_ALLOWED', 'OVER_TX_LIMIT']);
  });
});
