import { address as baddress, networks, Psbt } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import {
  messageHash,
  prepareMessage,
  simpleSignature,
  toSign,
  toSpend,
  verifySimpleSignature,
} from '../../../src/psbt/bip322';
import { combinePsbts } from '../../../src/psbt/combine';
import { finalizePsbt } from '../../../src/psbt/finalize';
import { parsePsbt } from '../../../src/psbt/parse';
import { analysePsbt, reviewPsbt } from '../../../src/psbt/review';
import { witnessStack } from '../../../src/psbt/script-verify';
import { signPsbt } from '../../../src/psbt/sign';
import { WalletDeriver } from '../../../src/wallet/derive';
import type { ScriptType, Wallet } from '../../../src/wallet/types';
import { seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { verifyTransaction } from '../../helpers/verify-tx';

// BIP-322's published test vectors (bip-0322.mediawiki, "Test vectors").
const VECTOR_ADDRESS = 'bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l';
const VECTORS = [
  {
    message: '',
    hash: 'c90c269c4f8fcbe6880f72a721ddfbf1914268a794cbb21cfafee13770ae19f1',
    toSpend: 'c5680aa69bb8d860bf82d4e9cd3504b55dde018de765a91bb566283c545a99a7',
    toSign: '1e9654e951a5ba44c8604c4de6c67fd78a27e81dcadcfe1edf638ba3aaebaed6',
    signatures: [
      'AkcwRAIgM2gBAQqvZX15ZiysmKmQpDrG83avLIT492QBzLnQIxYCIBaTpOaD20qRlEylyxFSeEA2ba9YOixpX8z46TSDtS40ASECx/EgAxlkQpQ9hYjgGu6EBCPMVPwVIVJqO4XCsMvViHI=',
      'AkgwRQIhAPkJ1Q4oYS0htvyuSFHLxRQpFAY56b70UvE7Dxazen0ZAiAtZfFz1S6T6I23MWI2lK/pcNTWncuyL8UL+oMdydVgzAEhAsfxIAMZZEKUPYWI4BruhAQjzFT8FSFSajuFwrDL1Yhy',
    ],
  },
  {
    message: 'Hello World',
    hash: 'f0eb03b1a75ac6d9847f55c624a99169b5dccba2a31f5b23bea77ba270de0a7a',
    toSpend: 'b79d196740ad5217771c1098fc4a4b51e0535c32236c71f1ea4d61a2d603352b',
    toSign: '88737ae86f2077145f93cc4b153ae9a1cb8d56afa511988c149c5c8c9d93bddf',
    signatures: [
      'AkcwRAIgZRfIY3p7/DoVTty6YZbWS71bc5Vct9p9Fia83eRmw2QCICK/ENGfwLtptFluMGs2KsqoNSk89pO7F29zJLUx9a/sASECx/EgAxlkQpQ9hYjgGu6EBCPMVPwVIVJqO4XCsMvViHI=',
      'AkgwRQIhAOzyynlqt93lOKJr+wmmxIens//zPzl9tqIOua93wO6MAiBi5n5EyAcPScOjf1lAqIUIQtr3zKNeavYabHyR8eGhowEhAsfxIAMZZEKUPYWI4BruhAQjzFT8FSFSajuFwrDL1Yhy',
    ],
  },
];

describe('BIP-322 published vectors', () => {
  const script = baddress.toOutputScript(VECTOR_ADDRESS, networks.bitcoin);
  it.each(VECTORS)('message "$message": hash, to_spend and to_sign txids', (v) => {
    expect(toHex(messageHash(v.message))).toBe(v.hash);
    const spend = toSpend(messageHash(v.message), script);
    expect(spend.getId()).toBe(v.toSpend);
    expect(toSign(spend).getId()).toBe(v.toSign);
  });

  it.each(VECTORS)(
    'message "$message": both published signatures verify, and not for the other message',
    (v) => {
      const other = v.message === '' ? 'Hello World' : '';
      for (const signature of v.signatures) {
        expect(() => verifySimpleSignature({ script, message: v.message, signature })).not.toThrow();
        const sign = toSign(toSpend(messageHash(v.message), script));
        sign.ins[0]!.witness = witnessStack(new Uint8Array(Buffer.from(signature, 'base64')));
        expect(verifyTransaction(sign.toHex(), [{ script, value: 0n }])).toEqual([]);
        expect(() => verifySimpleSignature({ script, message: other, signature })).toThrow(
          expect.objectContaining({ code: 'SCRIPT_INVALID' }),
        );
      }
    },
  );
});

const MESSAGE = 'This deposit address belongs to Airlock Treasury KK. 2026-12-01';

function signedBy(wallet: Wallet, unsigned: string, cosigners: number[]): Psbt {
  return finalizePsbt(
    combinePsbts(
      cosigners.map(
        (k) => signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[k]!) }).psbt,
      ),
    ),
  );
}

describe.each<ScriptType>(['p2wsh', 'p2sh-p2wsh'])('BIP-322 for a 2-of-3 %s address', (scriptType) => {
  const wallet = testWallet({ scriptType });
  const deriver = new WalletDeriver(wallet);
  const address = deriver.address(0, 5);
  const match = { wallet: wallet.name, branch: 'receive' as const, index: 5, address };

  it('the to_sign PSBT is reviewed as a message for that address, paying nothing', () => {
    const psbt = prepareMessage({ wallet, match, message: MESSAGE });
    const review = reviewPsbt({ psbt: parsePsbt(psbt.toBase64()), wallet });
    expect(review.purpose).toEqual({
      kind: 'message',
      message: MESSAGE,
      messageHash: toHex(messageHash(MESSAGE)),
      address,
    });
    expect(review.inputs).toEqual([expect.objectContaining({ ours: true, amountProven: true, amount: 0 })]);
    expect(review.outputs).toEqual([{ address: null, amount: 0, kind: 'external' }]);
    expect(review.fee).toBe(0);
    expect(review.warnings).toEqual([]);
  });

  it('two cosigners sign; the simple signature verifies here and the script in bitcore-lib', () => {
    const finished = signedBy(wallet, prepareMessage({ wallet, match, message: MESSAGE }).toBase64(), [0, 2]);
    const signature = simpleSignature(finished);
    const script = deriver.script(0, 5).outputScript;
    expect(() => verifySimpleSignature({ script, message: MESSAGE, signature })).not.toThrow();
    expect(() => verifySimpleSignature({ script, message: `${MESSAGE}.`, signature })).toThrow(
      expect.objectContaining({ code: 'SCRIPT_INVALID' }),
    );
    // Another address of the same wallet: the witness script is not the one it pays.
    expect(() =>
      verifySimpleSignature({ script: deriver.script(0, 6).outputScript, message: MESSAGE, signature }),
    ).toThrow(expect.objectContaining({ code: 'SCRIPT_INVALID' }));
    const txHex = finished.extractTransaction(true).toHex();
    expect(verifyTransaction(txHex, [{ script, value: 0n }])).toEqual([]);
  });

  it('one signature of two is not a signature', () => {
    const unsigned = prepareMessage({ wallet, match, message: MESSAGE }).toBase64();
    const once = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[1]) }).psbt;
    expect(() => finalizePsbt(once)).toThrow(expect.objectContaining({ code: 'NOT_ENOUGH_SIGNATURES' }));
  });
});

describe('forged message PSBTs are refused', () => {
  const wallet = testWallet();
  const match = {
    wallet: wallet.name,
    branch: 'receive' as const,
    index: 0,
    address: new WalletDeriver(wallet).address(0, 0),
  };

  it('a carried message that is not the one to_spend commits to', () => {
    const psbt = prepareMessage({ wallet, match, message: MESSAGE });
    psbt.data.inputs[0]!.unknownKeyVals![0]!.value = new TextEncoder().encode('Pay Mallory');
    expect(() => analysePsbt({ psbt, wallet })).toThrow(
      expect.objectContaining({ kind: 'refused', code: 'NOT_A_MESSAGE' }),
    );
  });

  it('a to_spend that is not the one BIP-322 builds, spent as given', () => {
    const spend = toSpend(messageHash(MESSAGE), new WalletDeriver(wallet).script(0, 0).outputScript);
    spend.version = 2;
    const good = prepareMessage({ wallet, match, message: MESSAGE });
    const forged = new Psbt({ network: networks.testnet });
    forged.setVersion(0);
    forged.addInput({
      ...good.data.inputs[0]!,
      hash: spend.getHash(),
      index: 0,
      sequence: 0,
      nonWitnessUtxo: spend.toBuffer(),
    });
    forged.addOutput({ script: Uint8Array.of(0x6a), value: 0n });
    expect(() => analysePsbt({ psbt: forged, wallet })).toThrow(/its to_spend is not the one BIP-322 builds/);
    expect(analysePsbt({ psbt: good, wallet }).review.purpose?.kind).toBe('message');
  });
});
