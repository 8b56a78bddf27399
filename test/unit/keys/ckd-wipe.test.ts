import { describe, expect, it, vi } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { childPrivateKey } from '../../../src/keys/ckd';
import { nonHardenedVectorSteps } from '../../helpers/bip32-vectors';

/** Every child private key the secp256k1 library returned, to prove none is left behind unwiped. */
const returnedByLibrary = vi.hoisted(() => [] as Uint8Array[]);

vi.mock('tiny-secp256k1', async (importOriginal) => {
  const real = await importOriginal<typeof import('tiny-secp256k1')>();
  return {
    ...real,
    privateAdd: (d: Uint8Array, tweak: Uint8Array) => {
      const sum = real.privateAdd(d, tweak);
      if (sum) returnedByLibrary.push(sum);
      return sum;
    },
  };
});

describe('childPrivateKey', () => {
  it("leaves no copy of the child key beyond the one it returns, so the caller's wipe is the last", () => {
    for (const { parent, index, child } of nonHardenedVectorSteps()) {
      returnedByLibrary.length = 0;
      const key = childPrivateKey(
        { publicKey: parent.publicKey, chainCode: parent.chainCode, privateKey: parent.privateKey! },
        index,
      )!;
      expect(toHex(key)).toBe(toHex(child.privateKey!));
      key.fill(0);
      expect(returnedByLibrary).toHaveLength(1);
      expect(returnedByLibrary.every((copy) => copy.every((b) => b === 0))).toBe(true);
    }
  });
});
