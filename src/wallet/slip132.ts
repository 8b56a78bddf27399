import { sha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';
import { badInput } from '../common/errors';

/**
 * SLIP-132 version bytes. Coordinators export the same BIP-32 key under prefixes that hint at a
 * script type (Zpub = P2WSH multisig, Ypub = P2SH-P2WSH multisig ...); the key itself is identical,
 * so it is normalised to xpub (mainnet) or tpub (test networks) by swapping the 4 version bytes.
 */
export type KeyPurpose =
  | 'any'
  | 'multisig-p2wsh'
  | 'multisig-p2sh-p2wsh'
  | 'singlesig-p2wpkh'
  | 'singlesig-p2sh-p2wpkh';

interface Prefix {
  name: string;
  version: number;
  mainnet: boolean;
  purpose: KeyPurpose;
  isPrivate: boolean;
}

const PREFIXES: Prefix[] = [
  { name: 'xpub', version: 0x0488b21e, mainnet: true, purpose: 'any', isPrivate: false },
  { name: 'ypub', version: 0x049d7cb2, mainnet: true, purpose: 'singlesig-p2sh-p2wpkh', isPrivate: false },
  { name: 'zpub', version: 0x04b24746, mainnet: true, purpose: 'singlesig-p2wpkh', isPrivate: false },
  { name: 'Ypub', version: 0x0295b43f, mainnet: true, purpose: 'multisig-p2sh-p2wsh', isPrivate: false },
  { name: 'Zpub', version: 0x02aa7ed3, mainnet: true, purpose: 'multisig-p2wsh', isPrivate: false },
  { name: 'tpub', version: 0x043587cf, mainnet: false, purpose: 'any', isPrivate: false },
  { name: 'upub', version: 0x044a5262, mainnet: false, purpose: 'singlesig-p2sh-p2wpkh', isPrivate: false },
  { name: 'vpub', version: 0x045f1cf6, mainnet: false, purpose: 'singlesig-p2wpkh', isPrivate: false },
  { name: 'Upub', version: 0x024289ef, mainnet: false, purpose: 'multisig-p2sh-p2wsh', isPrivate: false },
  { name: 'Vpub', version: 0x02575483, mainnet: false, purpose: 'multisig-p2wsh', isPrivate: false },
  { name: 'xprv', version: 0x0488ade4, mainnet: true, purpose: 'any', isPrivate: true },
  { name: 'yprv', version: 0x049d7878, mainnet: true, purpose: 'singlesig-p2sh-p2wpkh', isPrivate: true },
  { name: 'zprv', version: 0x04b2430c, mainnet: true, purpose: 'singlesig-p2wpkh', isPrivate: true },
  { name: 'Yprv', version: 0x0295b005, mainnet: true, purpose: 'multisig-p2sh-p2wsh', isPrivate: true },
  { name: 'Zprv', version: 0x02aa7a99, mainnet: true, purpose: 'multisig-p2wsh', isPrivate: true },
  { name: 'tprv', version: 0x04358394, mainnet: false, purpose: 'any', isPrivate: true },
  { name: 'uprv', version: 0x044a4e28, mainnet: false, purpose: 'singlesig-p2sh-p2wpkh', isPrivate: true },
  { name: 'vprv', version: 0x045f18bc, mainnet: false, purpose: 'singlesig-p2wpkh', isPrivate: true },
  { name: 'Uprv', version: 0x024285b5, mainnet: false, purpose: 'multisig-p2sh-p2wsh', isPrivate: true },
  { name: 'Vprv', version: 0x02575048, mainnet: false, purpose: 'multisig-p2wsh', isPrivate: true },
];

const XPUB_VERSION = 0x0488b21e;
const TPUB_VERSION = 0x043587cf;
const EXTENDED_KEY_LENGTH = 78;
const base58check = createBase58check(sha256);

export interface NormalisedKey {
  /** The key with xpub or tpub version bytes. */
  xpub: string;
  /** true for xpub-family prefixes, false for tpub-family (testnet, signet, regtest). */
  mainnet: boolean;
  /** The prefix the key arrived with, e.g. "Zpub". */
  prefix: string;
  purpose: KeyPurpose;
  /** BIP-32 depth byte: how many derivation steps lie between the master key and this key. */
  depth: number;
}

/** True when the text looks like a private key of any kind (extended or WIF); never echo it. */
export function looksLikePrivateKey(text: string): boolean {
  if (/^[xtyzuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}$/.test(text)) return true;
  // WIF: mainnet 5/K/L, test networks 9/c.
  return /^[5KL9c][1-9A-HJ-NP-Za-km-z]{50,51}$/.test(text);
}

/** Decodes an extended public key under any SLIP-132 prefix and re-encodes it as xpub/tpub. */
export function normaliseExtendedKey(text: string): NormalisedKey {
  let raw: Uint8Array;
  try {
    raw = base58check.decode(text);
  } catch {
    if (looksLikePrivateKey(text)) {
      throw badInput('PRIVATE_KEY_REFUSED', 'a private key was given; Airlock accepts no private key here');
    }
    throw badInput('EXTENDED_KEY_INVALID', 'an extended public key is malformed or its checksum is wrong');
  }
  if (raw.length !== EXTENDED_KEY_LENGTH) {
    throw badInput('EXTENDED_KEY_INVALID', 'an extended public key has the wrong length');
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const version = view.getUint32(0);
  const prefix = PREFIXES.find((p) => p.version === version);
  if (!prefix) throw badInput('EXTENDED_KEY_INVALID', 'an extended key has unknown version bytes');
  if (prefix.isPrivate) {
    raw.fill(0);
    throw badInput(
      'PRIVATE_KEY_REFUSED',
      `a private key (${prefix.name}) was given; Airlock accepts no private key here`,
    );
  }
  const keyByte = raw[45] as number;
  if (keyByte !== 0x02 && keyByte !== 0x03) {
    throw badInput('EXTENDED_KEY_INVALID', 'an extended public key does not hold a compressed public key');
  }
  const normalised = Uint8Array.from(raw);
  new DataView(normalised.buffer).setUint32(0, prefix.mainnet ? XPUB_VERSION : TPUB_VERSION);
  return {
    xpub: base58check.encode(normalised),
    mainnet: prefix.mainnet,
    prefix: prefix.name,
    purpose: prefix.purpose,
    depth: raw[4] as number,
  };
}
