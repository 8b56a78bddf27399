import { describe, expect, it } from 'vitest';
import { walletId, walletIdentityFields } from '../../../src/wallet/identity';
import { testWallet } from '../../helpers/multisig-psbt';

describe('wallet identity', () => {
  const wallet = testWallet();

  it('is the same for a sortedmulti wallet whatever order its cosigners were given in', () => {
    const reversed = { ...wallet, name: 'other', cosigners: [...wallet.cosigners].reverse() };
    expect(walletId(reversed)).toBe(walletId(wallet));
  });

  it('orders the keys by code units, not by the locale (a laptop set to another language keeps its ids)', () => {
    // "B" before "a" in code units; most locales put "a" first, and some order letters their own way.
    const [first, second] = wallet.cosigners as [(typeof wallet.cosigners)[0], (typeof wallet.cosigners)[0]];
    const keys = [
      { ...first, xpub: `${first.xpub.slice(0, 5)}a` },
      { ...second, xpub: `${first.xpub.slice(0, 5)}B` },
    ];
    const fields = walletIdentityFields({ ...wallet, cosigners: keys });
    expect(fields.keys.map((k) => k.xpub.slice(5))).toEqual(['B', 'a']);
  });

  it('differs when the order matters (multi) and the cosigners are given in another order', () => {
    const multi = { ...wallet, sorted: false };
    const reversed = { ...multi, cosigners: [...multi.cosigners].reverse() };
    expect(walletId(reversed)).not.toBe(walletId(multi));
  });
});
