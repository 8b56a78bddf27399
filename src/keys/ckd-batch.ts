import * as ecc from 'tiny-secp256k1';

/**
 * The CKDpub step that ckd-pool.ts shares with its worker (ckd-worker.ts), and the layout of the
 * batches that cross threads. It imports libsecp256k1 alone, so a worker starts without the rest of
 * the key code (common/ecc's factories and their self-tests).
 */

/** How a batch lies in the buffers that cross threads: points uncompressed, children compressed. */
export const BATCH_BYTES = { point: 65, tweak: 32, child: 33 } as const;

export interface Batch {
  points: Uint8Array<ArrayBuffer>;
  tweaks: Uint8Array<ArrayBuffer>;
}

/** To a worker: a batch of parents' points and their children's IL tweaks. */
export interface WorkerRequest extends Batch {
  id: number;
}

/** From a worker: the compressed children in order, all zeros where BIP-32 skips the index. */
export interface WorkerReply {
  id: number;
  children: Uint8Array;
}

/**
 * The compressed child public key point(IL) + Kpar, or null when BIP-32 says to skip the index
 * (IL >= n, or the point at infinity). libsecp256k1's fixed-base multiplication plus one addition
 * is about a third faster than its tweak-add.
 */
export function childFromTweak(parentUncompressed: Uint8Array, IL: Uint8Array): Uint8Array | null {
  if (!ecc.isPrivate(IL)) return null;
  const offset = ecc.pointFromScalar(IL, false);
  const child = offset && ecc.pointAdd(parentUncompressed, offset, true);
  return child ? Uint8Array.from(child) : null;
}
