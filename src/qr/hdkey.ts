import { sha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';
import { bip32 } from '../common/ecc';
import { badInput } from '../common/errors';
import { bitcoinNetwork, type NetworkName } from '../common/network';
import { parsePath } from '../keys/hd';
import type { CborMap, CborTagged, CborValue } from './cbor';

/**
 * BCR-2020-007 `hdkey` in its version 2 tags (hdkey 40303, keypath 40304, coin-info 40305), as
 * BCR-2023-010 output descriptors and BCR-2023-019 account descriptors carry keys.
 */

export const TAG = {
  HDKEY: 40303,
  KEYPATH: 40304,
  COIN_INFO: 40305,
  ECKEY: 40306,
  ADDRESS: 40307,
  OUTPUT_DESCRIPTOR: 40308,
  ACCOUNT_DESCRIPTOR: 40311,
} as const;

const HDKEY = {
  IS_MASTER: 1,
  IS_PRIVATE: 2,
  KEY: 3,
  CHAIN_CODE: 4,
  USE_INFO: 5,
  ORIGIN: 6,
  CHILDREN: 7,
  PARENT: 8,
};
const KEYPATH = { COMPONENTS: 1, SOURCE_FINGERPRINT: 2, DEPTH: 3 };
const COIN_INFO_NETWORK = 2;
const HARDENED = 0x80000000;
const XPUB_VERSION = 0x0488b21e;
const TPUB_VERSION = 0x043587cf;
const base58check = createBase58check(sha256);

/** The BIP-32 serialisation of a public key from its parts (what a QR code carries instead of base58). */
export function encodeExtendedKey(parts: {
  key: Uint8Array;
  chainCode: Uint8Array;
  depth: number;
  parentFingerprint: Uint8Array;
  childIndex: number;
  testnet: boolean;
}): string {
  const bytes = new Uint8Array(78);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, parts.testnet ? TPUB_VERSION : XPUB_VERSION);
  bytes[4] = parts.depth;
  bytes.set(parts.parentFingerprint.subarray(0, 4), 5);
  view.setUint32(9, parts.childIndex);
  bytes.set(parts.chainCode, 13);
  bytes.set(parts.key, 45);
  return base58check.encode(bytes);
}

const uint32Bytes = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
const tagged = (tag: number, entries: [number, CborValue][]): CborTagged => ({
  tag,
  value: new Map(entries),
});

/** This cosigner's account key as a version 2 hdkey: key, chain code, coin info off mainnet, origin, parent. */
export function encodeHdKey(key: { xpub: string; fingerprint: string; path: string; network: NetworkName }) {
  const node = bip32.fromBase58(key.xpub, bitcoinNetwork(key.network));
  const components = parsePath(key.path).flatMap((i) => [i % HARDENED, i >= HARDENED]);
  return tagged(TAG.HDKEY, [
    [HDKEY.KEY, Uint8Array.from(node.publicKey)],
    [HDKEY.CHAIN_CODE, Uint8Array.from(node.chainCode)],
    // BCR-2023-019 omits use-info when it is the default (bitcoin mainnet).
    ...(key.network === 'mainnet'
      ? []
      : [[HDKEY.USE_INFO, tagged(TAG.COIN_INFO, [[COIN_INFO_NETWORK, 1]])] as [number, CborValue]]),
    [
      HDKEY.ORIGIN,
      tagged(TAG.KEYPATH, [
        [KEYPATH.COMPONENTS, components],
        [KEYPATH.SOURCE_FINGERPRINT, Number.parseInt(key.fingerprint, 16)],
      ]),
    ],
    [HDKEY.PARENT, node.parentFingerprint],
  ]);
}

function invalid(message: string): never {
  throw badInput('UR_INVALID', message);
}

function mapOf(value: CborValue | undefined, tag: number, what: string): CborMap {
  // A tag may be left off where the field's type is implied; a wrong tag is refused.
  const inner =
    value && typeof value === 'object' && 'tag' in value ? (value.tag === tag ? value.value : null) : value;
  if (!(inner instanceof Map)) return invalid(`${what} is not a CBOR map of the expected type`);
  return inner;
}

function bytesOf(map: CborMap, key: number, length: number, what: string): Uint8Array {
  const value = map.get(key);
  if (!(value instanceof Uint8Array) || value.length !== length)
    return invalid(`${what} lacks its ${length}-byte field`);
  return value;
}

const uint32Of = (value: CborValue | undefined): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff
    ? value
    : undefined;

const isIndex = (v: CborValue | undefined): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < HARDENED;

/**
 * Keypath components as descriptor text (`48h/0h/0h/2h`, `<0;1>/*`): an index, wildcard `[]` or range
 * `[low, high]` is followed by its hardened flag; a pair `[a, ha, b, hb]` (multipath) carries its own.
 */
function pathText(components: CborValue | undefined, where: string): { text: string; steps: number[] } {
  if (!Array.isArray(components)) return invalid(`${where} has an invalid key path`);
  const parts: string[] = [];
  const steps: number[] = [];
  for (let i = 0; i < components.length; i++) {
    const step = components[i];
    if (Array.isArray(step) && step.length === 4) {
      const [a, ah, b, bh] = step;
      if (!isIndex(a) || !isIndex(b) || typeof ah !== 'boolean' || typeof bh !== 'boolean')
        return invalid(`${where} has an invalid key path`);
      parts.push(`<${a}${ah ? 'h' : ''};${b}${bh ? 'h' : ''}>`);
      continue;
    }
    const hardened = components[++i];
    if (typeof hardened !== 'boolean') return invalid(`${where} has an invalid key path`);
    const h = hardened ? 'h' : '';
    if (isIndex(step)) {
      parts.push(`${step}${h}`);
      steps.push(step + (hardened ? HARDENED : 0));
    } else if (Array.isArray(step) && step.length === 0) parts.push(`*${h}`);
    else return invalid(`${where} has a key path step Airlock cannot read (a range)`);
  }
  return { text: parts.join('/'), steps };
}

/** A version 2 hdkey as a descriptor key expression `[fp/path]xpub/children`; private keys refused. */
export function keyExpressionFromHdKey(value: CborValue, where: string): string {
  const map = mapOf(value, TAG.HDKEY, where);
  if (map.get(HDKEY.IS_PRIVATE) === true || map.get(HDKEY.IS_MASTER) === true) {
    throw badInput('PRIVATE_KEY_REFUSED', `${where} is a private key; Airlock accepts no private key here`);
  }
  const key = bytesOf(map, HDKEY.KEY, 33, where);
  const chainCode = bytesOf(map, HDKEY.CHAIN_CODE, 32, where);
  const useInfo = map.get(HDKEY.USE_INFO);
  const testnet =
    useInfo !== undefined &&
    mapOf(useInfo, TAG.COIN_INFO, `${where}'s coin info`).get(COIN_INFO_NETWORK) === 1;
  const originMap = map.has(HDKEY.ORIGIN)
    ? mapOf(map.get(HDKEY.ORIGIN), TAG.KEYPATH, `${where}'s origin`)
    : null;
  const origin = originMap
    ? pathText(originMap.get(KEYPATH.COMPONENTS) ?? [], where)
    : { text: '', steps: [] };
  const source = uint32Of(originMap?.get(KEYPATH.SOURCE_FINGERPRINT));
  const depth = origin.steps.length || uint32Of(originMap?.get(KEYPATH.DEPTH)) || 0;
  // Without an explicit parent fingerprint, a key one step below the master has the master's as parent.
  const parent = uint32Of(map.get(HDKEY.PARENT)) ?? (origin.steps.length === 1 ? source : undefined) ?? 0;
  const xpub = encodeExtendedKey({
    key,
    chainCode,
    depth,
    parentFingerprint: uint32Bytes(parent),
    childIndex: origin.steps.at(-1) ?? 0,
    testnet,
  });
  const fingerprint = source === undefined ? '' : Buffer.from(uint32Bytes(source)).toString('hex');
  const originText = fingerprint ? `[${fingerprint}${origin.text ? `/${origin.text}` : ''}]` : '';
  const children = map.has(HDKEY.CHILDREN)
    ? pathText(
        mapOf(map.get(HDKEY.CHILDREN), TAG.KEYPATH, `${where}'s children`).get(KEYPATH.COMPONENTS),
        where,
      ).text
    : '';
  return `${originText}${xpub}${children ? `/${children}` : ''}`;
}
