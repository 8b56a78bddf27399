import type { BIP32Interface } from 'bip32';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { childPrivateKey, childPublicKey } from '../../../src/keys/ckd';
import { masterNode } from '../../../src/keys/hd';
import { nonHardenedVectorSteps } from '../../helpers/bip32-vectors';

// bip32 nodes expose keys through prototype getters, which object spread does not copy.
const withPrivate = (node: BIP32Interface) => ({
  publicKey: node.publicKey,
  chainCode: node.chainCode,
  privateKey: node.privateKey!,
});

describe('raw BIP-32 child derivation', () => {
  it('matches the BIP-32 vectors on their non-hardened steps', () => {
    const steps = nonHardenedVectorSteps();
    expect(steps).toHaveLength(6);
    for (const { parent, index, child } of steps) {
      expect(toHex(childPublicKey(parent, index)!)).toBe(toHex(child.publicKey));
      expect(toHex(childPrivateKey(withPrivate(parent), index)!)).toBe(toHex(child.privateKey!));
    }
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
