import { describe, expect, it } from 'vitest';
import { isAirlockError } from '../../../src/common/errors';
import { normaliseExtendedKey } from '../../../src/wallet/slip132';
import { errorCodeOf, fixture } from './support';

interface Slip132Set {
  source: string;
  xpub: string;
  tpub: string;
  mainnet: Record<string, string>;
  test: Record<string, string>;
}

const { sets } = JSON.parse(fixture('slip132-keys.json')) as { sets: Slip132Set[] };

const cases = sets.flatMap((set) => [
  ...Object.entries(set.mainnet).map(([prefix, key]) => ({
    source: set.source,
    prefix,
    key,
    want: set.xpub,
  })),
  ...Object.entries(set.test).map(([prefix, key]) => ({ source: set.source, prefix, key, want: set.tpub })),
  { source: set.source, prefix: 'xpub', key: set.xpub, want: set.xpub },
  { source: set.source, prefix: 'tpub', key: set.tpub, want: set.tpub },
]);

describe('SLIP-132 normalisation', () => {
  it.each(cases)('$source $prefix normalises to the published xpub/tpub', ({ prefix, key, want }) => {
    const result = normaliseExtendedKey(key);
    expect(result.xpub).toBe(want);
    expect(result.prefix).toBe(prefix);
    expect(result.mainnet).toBe(want.startsWith('xpub'));
  });

  it('reports the script purpose a prefix stands for', () => {
    const set = sets[0] as Slip132Set;
    expect(normaliseExtendedKey(set.mainnet.Zpub as string).purpose).toBe('multisig-p2wsh');
    expect(normaliseExtendedKey(set.test.Upub as string).purpose).toBe('multisig-p2sh-p2wsh');
    expect(normaliseExtendedKey(set.mainnet.zpub as string).purpose).toBe('singlesig-p2wpkh');
    expect(normaliseExtendedKey(set.xpub).purpose).toBe('any');
  });

  it('refuses extended private keys without echoing them', () => {
    // BIP-32 test vector 1 master private key.
    const xprv =
      'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';
    try {
      normaliseExtendedKey(xprv);
      expect.unreachable();
    } catch (error) {
      expect(isAirlockError(error) && error.code).toBe('PRIVATE_KEY_REFUSED');
      expect(String((error as Error).message)).not.toContain(xprv.slice(4, 20));
    }
  });

  it('rejects a key with a broken checksum', () => {
    const set = sets[0] as Slip132Set;
    const broken = `${set.xpub.slice(0, -1)}${set.xpub.endsWith('v') ? 'w' : 'v'}`;
    expect(errorCodeOf(() => normaliseExtendedKey(broken))).toBe('EXTENDED_KEY_INVALID');
    expect(errorCodeOf(() => normaliseExtendedKey('not a key'))).toBe('EXTENDED_KEY_INVALID');
  });
});
