import { crypto as bcrypto, payments } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { MAX_CHILD_INDEX, WalletDeriver } from '../../../src/wallet/derive';
import { importWallet } from '../../../src/wallet/import';
import { electrumAddresses, type Point } from './electrum-reference';
import { fixture } from './support';

/** 2-of-3 wallets from three of the Coldcard test keys (Coldcard/firmware testing/data/multisig). */
function twoOfThree(file: string, network?: 'regtest') {
  const lines = fixture(file).trim().replace(/#.*$/, '');
  const dropFourth = lines.replace(/,\[7bb026be[^)]*(?=\))/, '');
  return importWallet({ text: dropFourth, network });
}

const POINTS: Point[] = [
  [0, 0],
  [0, 1],
  [0, 2],
  [0, 99],
  [1, 0],
  [1, 1],
  [0, MAX_CHILD_INDEX],
];

describe('WalletDeriver against Electrum', () => {
  const wallets = [
    twoOfThree('coldcard/desc-p2wsh-myself.txt'),
    twoOfThree('coldcard/desc-p2sh-p2wsh-myself.txt'),
    twoOfThree('coldcard/desc-p2sh-myself.txt'),
    twoOfThree('coldcard/desc-p2wsh-myself.txt', 'regtest'),
  ];
  const reference = electrumAddresses(wallets.map((wallet) => ({ wallet, points: POINTS })));

  it.each(
    wallets.map((wallet, i) => ({
      wallet,
      electrum: reference[i],
      label: `${wallet.scriptType} ${wallet.network}`,
    })),
  )('2-of-3 $label addresses equal Electrum’s on both chains', ({ wallet, electrum }) => {
    expect(wallet.cosigners).toHaveLength(3);
    const deriver = new WalletDeriver(wallet);
    expect(POINTS.map(([chain, index]) => deriver.address(chain, index))).toEqual(electrum);
  });
});

describe('WalletDeriver scripts', () => {
  it('builds P2SH-P2WSH as a P2WSH program inside P2SH, with the multisig script as witness script', () => {
    const wallet = twoOfThree('coldcard/desc-p2sh-p2wsh-myself.txt');
    const script = new WalletDeriver(wallet).script(0, 7);
    const witnessScript = script.witnessScript as Uint8Array;
    const redeemScript = script.redeemScript as Uint8Array;
    expect(toHex(witnessScript)).toBe(toHex(script.multisigScript));
    expect(toHex(redeemScript)).toBe(`0020${toHex(bcrypto.sha256(witnessScript))}`);
    expect(toHex(script.outputScript)).toBe(`a914${toHex(bcrypto.hash160(redeemScript))}87`);
    const decoded = payments.p2ms({ output: Buffer.from(script.multisigScript) });
    expect(decoded.m).toBe(2);
    expect(decoded.pubkeys?.map((k) => toHex(k))).toEqual(script.pubkeys.map((k) => toHex(k)));
  });

  it('returns the cached script for a repeated index and rejects indexes outside BIP-32', () => {
    const deriver = new WalletDeriver(twoOfThree('coldcard/desc-p2wsh-myself.txt'));
    expect(deriver.script(1, 3)).toBe(deriver.script(1, 3));
    expect(() => deriver.script(0, MAX_CHILD_INDEX + 1)).toThrow(RangeError);
    expect(() => deriver.script(0, -1)).toThrow(RangeError);
  });
});
