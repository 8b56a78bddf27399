import type { BIP32Interface } from 'bip32';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/common/bytes';
import { childPrivateKey, childPublicKey } from '../../../src/keys/ckd';
import { masterNode } from '../../../src/keys/hd';
import vectors from '../../fixtures/keys/bip32-vectors.json';

// bip32 nodes expose keys through prototype getters, which object spread does not copy.
const withPrivate = (node: BIP32Interface) => ({
  publicKey: node.publicKey,
  chainCode: node.chainCode,
  privateKey: node.privateKey!,
});

describe('raw BIP-32 child derivation', () => {
  it('matches the BIP-32 vectors on their non-hardened steps', () => {
    let checked = 0;
    for (const vector of vectors.vectors) {
      const root = masterNode(fromHex(vector.seed), 'mainnet');
      for (const [i, chain] of vector.chains.entries()) {
        const last = chain.path.split('/').at(-1)!;
        if (i === 0 || last.endsWith("'")) continue;
        const parentPath = vector.chains[i - 1]!.path;
        const parent = parentPath === 'm' ? root : root.derivePath(parentPath);
        const expected = root.derivePath(chain.path);
        expect(toHex(childPublicKey(parent, Number(last))!)).toBe(toHex(expected.publicKey));
        expect(toHex(childPrivateKey(withPrivate(parent), Number(last))!)).toBe(toHex(expected.privateKey!));
        checked++;
      }
    }
    expect(checked).toBe(6);
  });

  it('agrees with the bip32 package for random seeds and indexes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 64 }),
        fc.nat({ max: 0x7fffffff }),
        (seed, index) => {
          const parent = masterNode(seed, 'testnet');
          const child = parent.derive(index);
          expect(toHex(childPublicKey(parent, index)!)).toBe(toHex(child.publicKey));
          expect(toHex(childPrivateKey(withPrivate(parent), index)!)).toBe(toHex(child.privateKey!));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses hardened indexes', () => {
    const parent = masterNode(new Uint8Array(32).fill(1), 'mainnet');
    expect(() => childPublicKey(parent, 0x80000000)).toThrow(RangeError);
  });
});
