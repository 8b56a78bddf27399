import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../src/common/errors';
import { parsePsbt } from '../../../src/psbt/parse';
import { reviewPsbt } from '../../../src/psbt/review';
import { ReviewModelSchema } from '../../../src/psbt/review-model';
import { WARNING } from '../../../src/psbt/warnings';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  lookalikeWallet,
  OUTSIDER_MNEMONIC,
  TEST_MNEMONICS,
  testWallet,
} from '../../helpers/multisig-psbt';

const wallet = testWallet();
const codes = (review: { warnings: Array<{ code: string }> }) => review.warnings.map((w) => w.code);

function reviewError(run: () => unknown): AirlockError {
  try {
    run();
  } catch (error) {
    if (error instanceof AirlockError) return error;
    throw error;
  }
  throw new Error('expected an AirlockError');
}

describe('reviewPsbt', () => {
  it('reports inputs, change, fee, fee rate and signatures of a plain spend', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [
        { index: 0, amount: 100_000n },
        { index: 4, amount: 50_000n },
      ],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 90_000n },
        { change: { index: 2 }, amount: 58_000n },
      ],
    });
    const review = ReviewModelSchema.parse(reviewPsbt({ psbt, wallet }));
    expect(review.network).toBe('testnet');
    expect(review.inputs.map((i) => [i.amount, i.ours, i.amountProven])).toEqual([
      [100_000, true, true],
      [50_000, true, true],
    ]);
    expect(review.inputs[0]!.txid).toBe(Buffer.from(psbt.txInputs[0]!.hash).reverse().toString('hex'));
    expect(review.outputs).toEqual([
      { address: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', amount: 90_000, kind: 'external' },
      { address: expect.stringMatching(/^tb1q[a-z0-9]{58}$/), amount: 58_000, kind: 'change' },
    ]);
    expect(review.fee).toBe(2_000);
    // Base 10 + 2 inputs x 41 + outputs 31 (P2WPKH) + 43 (P2WSH) = 166 bytes; witness 2 (marker, flag)
    // + 2 x (1 count + 1 empty + 2 x 74 signatures + 1 + 105 script) = 514; ceil((166 x 4 + 514) / 4).
    expect(review.vsize).toBe(295);
    expect(review.feeRate).toBe(Math.round((2_000 / review.vsize) * 100) / 100);
    expect(review.signatures).toEqual({ present: 0, required: 4 });
    expect(review.warnings).toEqual([]);
  });

  it('classifies a change output whose paths look right but whose script has a foreign key as external', () => {
    const attacker = lookalikeWallet();
    // Same fingerprints and paths for A and B, but C's key is replaced by the attacker's.
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 10_000n },
        { change: { index: 0 }, amount: 89_000n, wallet: attacker },
      ],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.outputs[1]!.kind).toBe('external');
    expect(codes(review)).toContain(WARNING.FOREIGN_CHANGE);
    expect(review.warnings.find((w) => w.code === WARNING.FOREIGN_CHANGE)!.message).toMatch(/^output 2:/);
  });

  it('warns when an input amount comes only from a witness UTXO', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [
        { index: 0, amount: 100_000n, previousTx: false },
        { index: 1, amount: 100_000n },
      ],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 199_000n }],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.inputs.map((i) => i.amountProven)).toEqual([false, true]);
    expect(review.inputs[0]!.ours).toBe(true);
    expect(review.warnings).toEqual([
      {
        code: WARNING.WITNESS_UTXO_ONLY,
        message: expect.stringMatching(/^input 1: /),
        params: { inputs: [0] },
      },
    ]);
  });

  it('leaves the fee unknown when an input has no amount', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n, previousTx: false, witnessUtxo: false }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.fee).toBeNull();
    expect(review.feeRate).toBeNull();
    expect(review.inputs[0]).toMatchObject({ amount: null, ours: false, amountProven: false });
    expect(codes(review)).toEqual([WARNING.UNKNOWN_INPUT, WARNING.MISSING_AMOUNT]);
  });

  it('marks inputs of another wallet as not ours', () => {
    const other = testWallet({ mnemonics: [OUTSIDER_MNEMONIC, TEST_MNEMONICS[1], TEST_MNEMONICS[2]] });
    const psbt = buildPsbt({
      wallet,
      inputs: [
        { index: 0, amount: 100_000n },
        { index: 0, amount: 70_000n, from: other },
      ],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 165_000n }],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.inputs.map((i) => i.ours)).toEqual([true, false]);
    expect(review.signatures.required).toBe(2);
    expect(codes(review)).toEqual([WARNING.UNKNOWN_INPUT]);
    expect(review.fee).toBe(5_000);
  });

  it('marks outputs the policy allows as allowed', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    const review = reviewPsbt({
      psbt,
      wallet,
      isAllowedDestination: (_script, address) => address === 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
    });
    expect(review.outputs[0]!.kind).toBe('allowed');
  });

  it('warns about a high fee, a non-ALL sighash and a locktime', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 50_000n }],
      locktime: 800_000,
    });
    psbt.updateInput(0, { sighashType: Transaction.SIGHASH_NONE });
    const review = reviewPsbt({ psbt, wallet });
    expect(codes(review)).toEqual([WARNING.NONSTANDARD_SIGHASH, WARNING.HIGH_FEE, WARNING.LOCKTIME]);
    expect(review.warnings.at(-1)!.message).toBe('the transaction cannot be confirmed before block 800000');
  });

  it('warns when the fee is more than 5% of the amount sent, naming the percentage', () => {
    // 0.0009 BTC fee on a 0.001 BTC payment, the rest back as change: 90% of what is sent.
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000_000n }],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 100_000n },
        { change: { index: 1 }, amount: 810_000n },
      ],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(codes(review)).toEqual([WARNING.HIGH_FEE]);
    expect(review.warnings[0]!.message).toContain('is 90% of the amount sent');
  });

  it('does not warn about a fee of a few percent of the amount sent', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000_000n }],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 100_000n },
        { change: { index: 1 }, amount: 895_100n },
      ],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.fee).toBe(4_900);
    expect(codes(review)).toEqual([]);
  });

  it('warns when the fee rate is below 1 sat/vB, which nodes do not relay', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 999_900n }],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.feeRate).toBeLessThan(1);
    expect(codes(review)).toEqual([WARNING.LOW_FEE_RATE]);
    expect(review.warnings[0]!.message).toMatch(/below 1 sat\/vB/);
  });

  it('numbers inputs from 1 in warnings, as the review screen does', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [
        { index: 0, amount: 100_000n },
        { index: 1, amount: 100_000n, previousTx: false },
        { index: 2, amount: 100_000n, previousTx: false },
      ],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 299_000n }],
    });
    const review = reviewPsbt({ psbt, wallet });
    expect(review.warnings.map((w) => w.message.split(':')[0])).toEqual(['inputs 2, 3']);
  });

  it('refuses a PSBT for another network before judging anything else', () => {
    const mainnet = testWallet({ network: 'mainnet' });
    const psbt = buildPsbt({
      wallet: mainnet,
      // Also a lie the bad-input checks would catch: the network must be judged first.
      inputs: [{ index: 0, amount: 100_000n, previousTx: false }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    psbt.data.inputs[0]!.witnessUtxo!.value = 5n;
    const error = reviewError(() => reviewPsbt({ psbt, wallet }));
    expect([error.kind, error.code]).toEqual(['refused', 'NETWORK_MISMATCH']);
  });

  it('rejects a previous transaction that is not the spent one', () => {
    const a = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    const b = buildPsbt({
      wallet,
      inputs: [{ index: 1, amount: 2_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    a.data.inputs[0]!.nonWitnessUtxo = b.data.inputs[0]!.nonWitnessUtxo;
    const error = reviewError(() => reviewPsbt({ psbt: parsePsbt(a.toBase64()), wallet }));
    expect([error.kind, error.code]).toEqual(['bad-input', 'UTXO_TXID_MISMATCH']);
  });

  it('proves an amount from a previous transaction that carries a witness (its txid hashes it without)', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [
        { index: 0, amount: 1_000n, previousTxWitness: true },
        { index: 1, amount: 2_000n },
      ],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    expect(Transaction.fromBuffer(psbt.data.inputs[0]!.nonWitnessUtxo!).hasWitnesses()).toBe(true);
    const review = reviewPsbt({ psbt: parsePsbt(psbt.toBase64()), wallet });
    expect(review.inputs.map((i) => [i.amount, i.amountProven])).toEqual([
      [1_000, true],
      [2_000, true],
    ]);
  });

  it('rejects a previous transaction with a witness that is not the spent one', () => {
    const a = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000n, previousTxWitness: true }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    const b = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000n, previousTxWitness: true }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    a.data.inputs[0]!.nonWitnessUtxo = b.data.inputs[0]!.nonWitnessUtxo;
    const error = reviewError(() => reviewPsbt({ psbt: parsePsbt(a.toBase64()), wallet }));
    expect([error.kind, error.code]).toEqual(['bad-input', 'UTXO_TXID_MISMATCH']);
  });

  it('rejects a witness UTXO that disagrees with the previous transaction', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 500n }],
    });
    psbt.data.inputs[0]!.witnessUtxo!.value = 10_000_000n;
    const error = reviewError(() => reviewPsbt({ psbt: parsePsbt(psbt.toBase64()), wallet }));
    expect([error.kind, error.code]).toEqual(['bad-input', 'WITNESS_UTXO_MISMATCH']);
  });

  it('rejects outputs worth more than the inputs', () => {
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 1_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 2_000n }],
    });
    expect(reviewError(() => reviewPsbt({ psbt, wallet })).code).toBe('NEGATIVE_FEE');
  });

  it('accepts a BIP-370 v2 PSBT converted from the same transaction', () => {
    const v2 = parsePsbt(
      'cHNidP8BAgQCAAAAAQQBAQEFAQIB+wQCAAAAAAEOIAsK2SFBnByHGXNdctxzn56p4GONH+TB7vD5lECEgV/IAQ8EAAAAAAABAwgACK8vAAAAAAEEFgAUxDD2TEdW2jENvRoIVXLvKZkmJywAAQMIi73rCwAAAAABBBYAFE3Rk6yWSlasG54cyoRU/i9HT4UTAA==',
    );
    const review = reviewPsbt({ psbt: v2, wallet });
    expect(review.inputs).toHaveLength(1);
    expect(review.outputs.map((o) => o.amount)).toEqual([800000000, 199998859]);
    expect(review.fee).toBeNull();
  });
});

describe('impossible output amounts', () => {
  it('an output whose 64-bit amount reads as negative is bad input, not a crash', () => {
    const wallet = testWallet();
    const marker = 0x0123456789abn;
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: marker }],
    });
    const le = Buffer.alloc(8);
    le.writeBigUInt64LE(marker);
    const negative = psbt.toHex().replace(le.toString('hex'), 'ffffffffffffffff');
    let error: unknown;
    try {
      reviewPsbt({ psbt: parsePsbt(negative), wallet });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AirlockError);
    expect((error as AirlockError).code).toBe('AMOUNT_INVALID');
  });
});
