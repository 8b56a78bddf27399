import { describe, expect, it } from 'vitest';
import { parsePsbt } from '../../../src/psbt/parse';
import { signaturesOnly } from '../../../src/psbt/return';
import { signPsbt } from '../../../src/psbt/sign';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';

const wallet = testWallet({ scriptType: 'p2wsh' });

function unsigned(amount = 50_000n) {
  return buildPsbt({
    wallet,
    inputs: [
      { index: 0, amount },
      { index: 4, amount: 30_000n },
    ],
    outputs: [{ script: EXTERNAL_SCRIPT, amount: 60_000n }],
  });
}

describe('signaturesOnly', () => {
  it('carries a witness script the signing filled in, since the coordinator did not send it', () => {
    const received = unsigned();
    delete received.data.inputs[1]!.witnessScript;
    const reparsed = parsePsbt(received.toBuffer());
    const signed = signPsbt({ psbt: reparsed.clone(), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    const back = signaturesOnly({ signed, received: reparsed });
    expect(back.data.inputs[0]!.witnessScript).toBeUndefined();
    expect(back.data.inputs[1]!.witnessScript).toEqual(signed.data.inputs[1]!.witnessScript);
    expect(reparsed.clone().combine(back).toBase64()).toBe(reparsed.clone().combine(signed).toBase64());
  });

  it('is empty apart from the transaction when nothing new was signed', () => {
    const received = unsigned();
    const back = signaturesOnly({ signed: received.clone(), received });
    expect(back.data.inputs.every((input) => Object.keys(input).length === 0)).toBe(true);
  });

  it('refuses a signed PSBT for another transaction', () => {
    const signed = signPsbt({ psbt: unsigned(), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    expect(() => signaturesOnly({ signed, received: unsigned(50_001n) })).toThrow(
      expect.objectContaining({ code: 'PSBT_MISMATCH' }),
    );
  });

  it('refuses to leave out a record the signing changed (it would be lost in the combine)', () => {
    const received = unsigned();
    const signed = signPsbt({ psbt: received.clone(), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
    signed.data.inputs[0]!.witnessUtxo = { ...signed.data.inputs[0]!.witnessUtxo!, value: 1n };
    expect(() => signaturesOnly({ signed, received })).toThrow(
      expect.objectContaining({ code: 'RETURN_CONFLICT' }),
    );
  });
});
