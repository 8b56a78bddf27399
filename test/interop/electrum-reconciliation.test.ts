import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { prepareMessage, simpleSignature, verifySimpleSignature } from '../../src/psbt/bip322';
import { combinePsbts } from '../../src/psbt/combine';
import { finalizePsbt } from '../../src/psbt/finalize';
import { parsePsbt } from '../../src/psbt/parse';
import { prepareProofOfReserves, verifyProofOfReserves } from '../../src/psbt/reserves-proof';
import { signPsbt } from '../../src/psbt/sign';
import { WalletDeriver } from '../../src/wallet/derive';
import { electrumSign } from '../helpers/electrum';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../helpers/multisig-psbt';
import { verifyTransaction } from '../helpers/verify-tx';

/** Airlock signs as cosigner A, Debian's Electrum as cosigner C, on the same unsigned PSBT. */
function cosign(wallet: ReturnType<typeof testWallet>, unsigned: string, indexes: Array<[0 | 1, number]>) {
  const byAirlock = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[0]) }).psbt;
  const byElectrum = electrumSign({ wallet, psbt: unsigned, mnemonic: TEST_MNEMONICS[2], indexes });
  return finalizePsbt(combinePsbts([byAirlock, parsePsbt(byElectrum.psbt)]));
}

describe('Airlock and Electrum cosign reconciliation PSBTs (2-of-3 P2WSH)', () => {
  const wallet = testWallet();

  it('a BIP-322 message: the simple signature verifies here and in bitcore-lib', () => {
    const deriver = new WalletDeriver(wallet);
    const address = deriver.address(0, 3);
    const match = { wallet: wallet.name, branch: 'receive' as const, index: 3, address };
    const message = 'Signed by Airlock and Electrum';
    const finished = cosign(wallet, prepareMessage({ wallet, match, message }).toBase64(), [[0, 3]]);
    const script = deriver.script(0, 3).outputScript;
    expect(() =>
      verifySimpleSignature({ script, message, signature: simpleSignature(finished) }),
    ).not.toThrow();
    expect(verifyTransaction(finished.extractTransaction(true).toHex(), [{ script, value: 0n }])).toEqual([]);
  });

  it('a BIP-127 proof of reserves: verified here and in bitcore-lib on every coin', () => {
    const coins = buildPsbt({
      wallet,
      inputs: [
        { index: 1, amount: 80_000n },
        { chain: 1, index: 2, amount: 20_000n },
      ],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 99_000n }],
    });
    const proof = prepareProofOfReserves({ coins, wallet, message: 'Reserves, with Electrum' });
    const finished = cosign(wallet, proof.toBase64(), [
      [0, 1],
      [1, 2],
      [0, 0],
    ]);
    const verified = verifyProofOfReserves(finished);
    expect(verified.total).toBe(100_000n);
    const spent = finished.data.inputs.map((input, i) =>
      i === 0
        ? { script: Uint8Array.of(0x51), value: 0n }
        : Transaction.fromBuffer(input.nonWitnessUtxo!).outs[finished.txInputs[i]!.index]!,
    );
    expect(verifyTransaction(verified.transaction.toHex(), spent)).toEqual([]);
  });
});
