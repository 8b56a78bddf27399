import { describe, expect, it } from 'vitest';
import { ecc } from '../../../src/common/ecc';
import { combinePsbts } from '../../../src/psbt/combine';
import { extractTransaction, finalizePsbt } from '../../../src/psbt/finalize';
import { parsePsbt } from '../../../src/psbt/parse';
import { reviewPsbt } from '../../../src/psbt/review';
import { signPsbt } from '../../../src/psbt/sign';
import { WalletDeriver } from '../../../src/wallet/derive';
import type { ScriptType } from '../../../src/wallet/types';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  lookalikeWallet,
  seedOf,
  TEST_MNEMONICS,
  testWallet,
} from '../../helpers/multisig-psbt';
import { verifyTransaction } from '../../helpers/verify-tx';

const SCRIPT_TYPES: ScriptType[] = ['p2wsh', 'p2sh-p2wsh', 'p2sh'];

describe.each(SCRIPT_TYPES)('2-of-3 %s: two cosigners sign, combine, finalize, extract', (scriptType) => {
  const wallet = testWallet({ scriptType });
  const inputs = [
    { index: 0, amount: 150_000n },
    { chain: 1 as const, index: 7, amount: 60_000n },
  ];
  const outputs = [
    { script: EXTERNAL_SCRIPT, amount: 120_000n },
    { change: { index: 3 }, amount: 85_000n },
  ];

  it('produces a transaction whose scripts bitcore-lib verifies', () => {
    const unsigned = buildPsbt({ wallet, inputs, outputs }).toBase64();
    const byA = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[0]) });
    const byC = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[2]) });
    expect(byA.signedInputs).toEqual([0, 1]);
    expect(byC.signedInputs).toEqual([0, 1]);
    const combined = combinePsbts([parsePsbt(byA.psbt.toBase64()), parsePsbt(byC.psbt.toBase64())]);
    expect(reviewPsbt({ psbt: combined, wallet }).signatures).toEqual({ present: 4, required: 4 });

    const txHex = extractTransaction(finalizePsbt(combined));
    const deriver = new WalletDeriver(wallet);
    const spent = inputs.map((input) => ({
      script: deriver.script(input.chain ?? 0, input.index).outputScript,
      value: input.amount,
    }));
    expect(spent.length).toBe(combined.inputCount);
    expect(verifyTransaction(txHex, spent)).toEqual([]);

    // The estimate never understates the real size, and is close to it.
    const real = combined.clone();
    const vsize = reviewPsbt({ psbt: real, wallet }).vsize;
    const actual = finalizePsbt(real).extractTransaction(true).virtualSize();
    expect(vsize).toBeGreaterThanOrEqual(actual);
    expect(vsize - actual).toBeLessThanOrEqual(6);
  });

  it('is rejected by the verifier when a signature is from the wrong key (the check can fail)', () => {
    const unsigned = buildPsbt({ wallet, inputs, outputs }).toBase64();
    const byA = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[0]) });
    const byB = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[1]) });
    const txHex = extractTransaction(finalizePsbt(combinePsbts([byA.psbt, byB.psbt])));
    const deriver = new WalletDeriver(wallet);
    // Claim input 0 spends the script of another index: verification must fail.
    const wrong = [
      { script: deriver.script(0, 1).outputScript, value: 150_000n },
      { script: deriver.script(1, 7).outputScript, value: 60_000n },
    ];
    expect(verifyTransaction(txHex, wrong).map((f) => f.input)).toEqual([0]);
  });
});

describe('multi() with keys in cosigner order', () => {
  // Cosigner order C, A, B is not the sorted order, so CHECKMULTISIG needs the signatures in script order.
  const wallet = testWallet({
    sorted: false,
    threshold: 2,
    mnemonics: [TEST_MNEMONICS[2], TEST_MNEMONICS[0], TEST_MNEMONICS[1]],
  });

  it('signs, finalizes and verifies', () => {
    const script = new WalletDeriver(wallet).script(0, 0);
    expect(script.pubkeys).toEqual(script.cosignerKeys);
    expect([...script.pubkeys].sort(Buffer.compare)).not.toEqual(script.pubkeys);
    const unsigned = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 80_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 79_000n }],
    });
    const byB = signPsbt({ psbt: unsigned, wallet, seed: seedOf(TEST_MNEMONICS[1]) }).psbt;
    const byC = signPsbt({ psbt: byB, wallet, seed: seedOf(TEST_MNEMONICS[2]) }).psbt;
    const txHex = extractTransaction(finalizePsbt(byC));
    expect(verifyTransaction(txHex, [{ script: script.outputScript, value: 80_000n }])).toEqual([]);
  });
});

describe('signing details', () => {
  const wallet = testWallet();
  const psbt = () =>
    buildPsbt({
      wallet,
      inputs: [{ index: 2, amount: 50_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 49_000n }],
    });

  it('keeps the other cosigner signature and adds ours', () => {
    const first = signPsbt({ psbt: psbt(), wallet, seed: seedOf(TEST_MNEMONICS[1]) }).psbt;
    const theirs = first.data.inputs[0]!.partialSig![0]!;
    const second = signPsbt({
      psbt: parsePsbt(first.toBase64()),
      wallet,
      seed: seedOf(TEST_MNEMONICS[0]),
    }).psbt;
    const sigs = second.data.inputs[0]!.partialSig!;
    expect(sigs).toHaveLength(2);
    expect(sigs.some((s) => Buffer.from(s.signature).equals(Buffer.from(theirs.signature)))).toBe(true);
  });

  it('signs an input of the wallet whose derivations name only the other cosigners', () => {
    const unsigned = psbt();
    const ourFingerprint = Buffer.from(wallet.cosigners[0]!.fingerprint!, 'hex');
    const input = unsigned.data.inputs[0]!;
    input.bip32Derivation = input.bip32Derivation!.filter(
      (d) => !Buffer.from(d.masterFingerprint).equals(ourFingerprint),
    );
    expect(input.bip32Derivation).toHaveLength(2);
    const signed = signPsbt({ psbt: unsigned, wallet, seed: seedOf(TEST_MNEMONICS[0]) });
    expect(signed.signedInputs).toEqual([0]);
    expect(
      signed.psbt.validateSignaturesOfInput(0, (pubkey, hash, sig) => ecc.verify(hash, pubkey, sig)),
    ).toBe(true);
  });

  it('signs only the inputs of the wallet when others are mixed in', () => {
    const other = lookalikeWallet();
    const mixed = buildPsbt({
      wallet,
      inputs: [
        { index: 0, amount: 50_000n, from: other },
        { index: 1, amount: 50_000n },
      ],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    const signed = signPsbt({ psbt: mixed, wallet, seed: seedOf(TEST_MNEMONICS[0]) });
    expect(signed.signedInputs).toEqual([1]);
    expect(signed.psbt.data.inputs[0]!.partialSig).toBeUndefined();
    expect(signed.review.inputs.map((i) => i.ours)).toEqual([false, true]);
  });

  it('signs and finalizes segwit inputs that carry only the previous transaction', () => {
    const unsigned = buildPsbt({
      wallet,
      inputs: [{ index: 5, amount: 70_000n, witnessUtxo: false }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 69_000n }],
    });
    const byA = signPsbt({ psbt: unsigned, wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    const byC = signPsbt({ psbt: byA, wallet, seed: seedOf(TEST_MNEMONICS[2]) }).psbt;
    const txHex = extractTransaction(finalizePsbt(byC));
    const coin = { script: new WalletDeriver(wallet).script(0, 5).outputScript, value: 70_000n };
    expect(verifyTransaction(txHex, [coin])).toEqual([]);
  });

  it('does not sign twice with the same key', () => {
    const once = signPsbt({ psbt: psbt(), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    const again = signPsbt({ psbt: once, wallet, seed: seedOf(TEST_MNEMONICS[0]) });
    expect(again.signedInputs).toEqual([]);
    expect(again.psbt.data.inputs[0]!.partialSig).toHaveLength(1);
  });

  it('signs deterministically (RFC 6979) with low-S DER signatures and SIGHASH_ALL', () => {
    const a = signPsbt({ psbt: psbt(), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    const sig = a.data.inputs[0]!.partialSig![0]!.signature;
    expect(sig.at(-1)).toBe(0x01);
    const sLength = sig[5 + sig[3]!]!;
    const s = sig.subarray(6 + sig[3]!, 6 + sig[3]! + sLength);
    // Low S: the high bit of a 32-byte S is clear (and DER adds no leading zero).
    expect(s.length).toBeLessThanOrEqual(32);
    expect(s[0]! & 0x80).toBe(0);
  });

  it('leaves a finalized input alone', () => {
    const byA = signPsbt({ psbt: psbt(), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    const byB = signPsbt({ psbt: byA.clone(), wallet, seed: seedOf(TEST_MNEMONICS[1]) }).psbt;
    const finalized = finalizePsbt(byB);
    // Finalizing drops the derivation data, so a fully finalized PSBT has nothing left to sign.
    expect(() => signPsbt({ psbt: finalized, wallet, seed: seedOf(TEST_MNEMONICS[2]) })).toThrow(
      /no input of this PSBT belongs/,
    );
    // Tools that keep the derivations next to the final witness: still nothing is added.
    const kept = byA.clone();
    kept.data.inputs[0]!.finalScriptWitness = finalized.data.inputs[0]!.finalScriptWitness;
    const again = signPsbt({ psbt: kept, wallet, seed: seedOf(TEST_MNEMONICS[2]) });
    expect(again.signedInputs).toEqual([]);
    expect(again.review.signatures).toEqual({ present: 2, required: 2 });
    expect(again.psbt.data.inputs[0]!.partialSig).toHaveLength(1);
  });

  it('never changes the outputs', () => {
    const before = psbt();
    const outputsBefore = JSON.stringify(before.data.outputs);
    const unsignedBefore = Buffer.from(before.data.globalMap.unsignedTx.toBuffer()).toString('hex');
    const after = signPsbt({ psbt: before, wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    expect(JSON.stringify(after.data.outputs)).toBe(outputsBefore);
    expect(Buffer.from(after.data.globalMap.unsignedTx.toBuffer()).toString('hex')).toBe(unsignedBefore);
    expect(after.data.inputs[0]!.finalScriptWitness).toBeUndefined();
  });
});
