import { createHmac } from 'node:crypto';
import { wipe } from '../common/bytes';
import { ecc } from '../common/ecc';
import { childFromTweak } from './ckd-batch';

/**
 * BIP-32 non-hardened child key derivation (CKDpub / CKDpriv) on raw keys. The bip32 package validates
 * and fingerprints every node it builds, which costs more than the elliptic-curve step itself when
 * reviewing or signing hundreds of inputs; these return just the child key.
 */
export interface ParentKey {
  publicKey: Uint8Array;
  chainCode: Uint8Array;
}

const HARDENED = 0x80000000;

function tweak(parent: ParentKey, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= HARDENED) {
    throw new RangeError(`non-hardened child index expected, got ${index}`);
  }
  const data = new Uint8Array(37);
  data.set(parent.publicKey, 0);
  new DataView(data.buffer).setUint32(33, index, false);
  // Node's native HMAC-SHA512 is about five times faster than a JavaScript one, and a review runs it per key.
  return createHmac('sha512', parent.chainCode).update(data).digest();
}

/** Parents' uncompressed keys: adding to an uncompressed point skips a square root per child. */
const uncompressedParents = new WeakMap<ParentKey, Uint8Array>();

/** The parent's public key as an uncompressed point (65 bytes), computed once per parent object. */
export function uncompressedParentKey(parent: ParentKey): Uint8Array {
  let key = uncompressedParents.get(parent);
  if (!key) {
    key = ecc.pointCompress(parent.publicKey, false);
    uncompressedParents.set(parent, key);
  }
  return key;
}

/**
 * BIP-32's IL for child `index` (32 bytes). It comes from public data only (the parent's public key
 * and chain code), so for CKDpub it is as public as the xpub itself.
 */
export function childTweak(parent: ParentKey, index: number): Uint8Array {
  const I = tweak(parent, index);
  try {
    return Uint8Array.from(I.subarray(0, 32));
  } finally {
    wipe(I);
  }
}

/**
 * The compressed public key of child `index`, or null in the (probability 2^-127) case where BIP-32
 * says to skip this index; callers then fall back to the bip32 package, which implements the skip.
 */
export function childPublicKey(parent: ParentKey, index: number): Uint8Array | null {
  return childFromTweak(uncompressedParentKey(parent), childTweak(parent, index));
}

/**
 * The private key of child `index` (wipe it after use), or null when BIP-32 says to skip the index.
 * tiny-secp256k1 zeroes its wasm input buffers and returns a fresh copy of the sum, which is handed
 * over as is so that no second copy exists. What cannot be wiped from here: the scalar's transient
 * copies on the wasm module's stack inside libsecp256k1, and OpenSSL's HMAC state in Node.
 */
export function childPrivateKey(
  parent: ParentKey & { privateKey: Uint8Array },
  index: number,
): Uint8Array | null {
  const I = tweak(parent, index);
  const IL = I.subarray(0, 32);
  try {
    if (!ecc.isPrivate(IL)) return null;
    return ecc.privateAdd(parent.privateKey, IL);
  } finally {
    wipe(I);
  }
}
