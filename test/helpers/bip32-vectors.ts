import type { BIP32Interface } from 'bip32';
import { fromHex } from '../../src/common/bytes';
import { bip32 } from '../../src/common/ecc';
import { masterNode } from '../../src/keys/hd';
import vectors from '../fixtures/keys/bip32-vectors.json';

/** A non-hardened step of the BIP-32 test vectors: the parent node, the index, the published child. */
export interface NonHardenedStep {
  parent: BIP32Interface;
  index: number;
  /** The child as the vector publishes it (its xpub and xprv, parsed). */
  child: BIP32Interface;
}

/** Every non-hardened step of the published BIP-32 vectors (6 of them). */
export function nonHardenedVectorSteps(): NonHardenedStep[] {
  const steps: NonHardenedStep[] = [];
  for (const vector of vectors.vectors) {
    const root = masterNode(fromHex(vector.seed), 'mainnet');
    for (const [i, chain] of vector.chains.entries()) {
      const last = chain.path.split('/').at(-1)!;
      if (i === 0 || last.endsWith("'")) continue;
      const parentPath = vector.chains[i - 1]!.path;
      const parent = parentPath === 'm' ? root : root.derivePath(parentPath);
      steps.push({ parent, index: Number(last), child: bip32.fromBase58(chain.xprv) });
    }
  }
  return steps;
}
