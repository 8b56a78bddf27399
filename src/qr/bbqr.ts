import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { base32nopad } from '@scure/base';
import { badInput } from '../common/errors';

/**
 * BBQr (Coinkite, public domain spec): `B$` + encoding + file type + base36 total + base36 index,
 * then the part's data in alphanumeric-safe text. Every part but the last holds whole bytes.
 */

export const BBQR_ENCODINGS = ['H', '2', 'Z'] as const;
export type BbqrEncoding = (typeof BBQR_ENCODINGS)[number];
export const BBQR_FILE_TYPES = ['P', 'T', 'J', 'C', 'U', 'B', 'X'] as const;
export type BbqrFileType = (typeof BBQR_FILE_TYPES)[number];

export const BBQR_HEADER_LENGTH = 8;
const MAX_PARTS = 1295;
const ZLIB_WINDOW_BITS = 10;

/** Alphanumeric characters a QR code of each version (1-40) holds at error correction level L. */
export const ALNUM_CAPACITY_L = [
  0, 25, 47, 77, 114, 154, 195, 224, 279, 335, 395, 468, 535, 619, 667, 758, 854, 938, 1046, 1153, 1249, 1352,
  1460, 1588, 1704, 1853, 1990, 2132, 2223, 2369, 2520, 2677, 2840, 3009, 3183, 3351, 3537, 3729, 3927, 4087,
  4296,
];

export interface BbqrHeader {
  encoding: BbqrEncoding;
  fileType: BbqrFileType;
  total: number;
  index: number;
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function toBase36Pair(n: number): string {
  return `${BASE36[Math.floor(n / 36)]}${BASE36[n % 36]}`;
}

/** Decodes one part's base32 text (RFC 4648 alphabet, no padding, as BBQr writes it). */
function base32Decode(text: string): Uint8Array {
  try {
    // Refuses characters outside the alphabet and non-zero leftover bits (a part cut mid-byte).
    return base32nopad.decode(text);
  } catch {
    throw badInput('QR_CORRUPT', 'a BBQr part is not whole bytes of base32');
  }
}

/** Reads a BBQr header, or returns null when the text is not BBQr. */
export function parseBbqrHeader(text: string): BbqrHeader | null {
  if (!text.startsWith('B$') || text.length < BBQR_HEADER_LENGTH) return null;
  const [encoding, fileType] = [text[2] as string, text[3] as string];
  if (!(BBQR_ENCODINGS as readonly string[]).includes(encoding)) {
    throw badInput('QR_UNSUPPORTED', `BBQr encoding "${encoding}" is not one of H, 2 or Z`);
  }
  if (!(BBQR_FILE_TYPES as readonly string[]).includes(fileType)) {
    throw badInput('QR_UNSUPPORTED', `BBQr file type "${fileType}" is not known`);
  }
  const total = Number.parseInt(text.slice(4, 6), 36);
  const index = Number.parseInt(text.slice(6, 8), 36);
  if (!/^[0-9A-Z]{4}$/.test(text.slice(4, 8)) || total < 1 || index >= total) {
    throw badInput('QR_CORRUPT', 'the BBQr header has an invalid part count or index');
  }
  return { encoding: encoding as BbqrEncoding, fileType: fileType as BbqrFileType, total, index };
}

function encodeData(
  bytes: Uint8Array,
  wanted: BbqrEncoding | undefined,
): { encoding: BbqrEncoding; text: string; splitMod: number } {
  if (wanted === 'H')
    return { encoding: 'H', text: Buffer.from(bytes).toString('hex').toUpperCase(), splitMod: 2 };
  if (wanted === undefined || wanted === 'Z') {
    const compressed = new Uint8Array(deflateRawSync(bytes, { windowBits: ZLIB_WINDOW_BITS, level: 9 }));
    // Compression does not help high-entropy data; base32 alone is then smaller.
    if (compressed.length < bytes.length)
      return { encoding: 'Z', text: base32nopad.encode(compressed), splitMod: 8 };
  }
  return { encoding: '2', text: base32nopad.encode(bytes), splitMod: 8 };
}

function partsNeeded(version: number, length: number, splitMod: number): { count: number; perPart: number } {
  const capacity = (ALNUM_CAPACITY_L[version] as number) - BBQR_HEADER_LENGTH;
  const aligned = capacity - (capacity % splitMod);
  const count = Math.ceil(length / aligned);
  if (count <= 1) return { count: 1, perPart: length };
  return { count: (count - 1) * aligned + capacity >= length ? count : count + 1, perPart: aligned };
}

export interface BbqrSplitOptions {
  encoding?: BbqrEncoding;
  minVersion?: number;
  maxVersion?: number;
  minSplit?: number;
  maxSplit?: number;
}

/** Splits bytes into BBQr parts, all at one QR version: fewest parts first, then the lowest version. */
export function splitBbqr(
  bytes: Uint8Array,
  fileType: BbqrFileType,
  { encoding, minVersion = 5, maxVersion = 40, minSplit = 1, maxSplit = MAX_PARTS }: BbqrSplitOptions = {},
): { version: number; encoding: BbqrEncoding; parts: string[] } {
  const encoded = encodeData(bytes, encoding);
  let best: { version: number; count: number; perPart: number } | undefined;
  for (let version = Math.min(minVersion, maxVersion); version <= maxVersion; version++) {
    const { count, perPart } = partsNeeded(version, encoded.text.length, encoded.splitMod);
    if (count < minSplit || count > maxSplit) continue;
    if (!best || count < best.count) best = { version, count, perPart };
  }
  if (!best) throw badInput('QR_TOO_LARGE', 'the data does not fit in BBQr parts of the allowed sizes');
  const { version } = best;
  // Spread the text evenly over the parts (whole bytes in each) instead of leaving a short last part.
  const evenShare = Math.ceil(encoded.text.length / best.count);
  const perPart = Math.min(
    best.perPart,
    evenShare + ((encoded.splitMod - (evenShare % encoded.splitMod)) % encoded.splitMod),
  );
  const count = best.count === 1 ? 1 : Math.ceil(encoded.text.length / perPart);
  const head = `B$${encoded.encoding}${fileType}${toBase36Pair(count)}`;
  const parts = Array.from(
    { length: count },
    (_, i) => head + toBase36Pair(i) + encoded.text.slice(i * perPart, (i + 1) * perPart),
  );
  return { version, encoding: encoded.encoding, parts };
}

/** Decodes one part's body alone: refuses a part that cannot be whole bytes of its encoding. */
export function decodeBbqrBody(body: string, encoding: BbqrEncoding): Uint8Array {
  if (encoding === 'H') {
    if (body.length % 2 !== 0 || !/^[0-9A-F]*$/.test(body))
      throw badInput('QR_CORRUPT', 'a BBQr hex part is damaged');
    return new Uint8Array(Buffer.from(body, 'hex'));
  }
  return base32Decode(body);
}

/** Decodes a complete, ordered set of part bodies (headers removed). */
export function joinBbqrBodies({
  bodies,
  encoding,
  maxBytes,
}: {
  bodies: readonly string[];
  encoding: BbqrEncoding;
  maxBytes: number;
}): Uint8Array {
  const joined = new Uint8Array(Buffer.concat(bodies.map((body) => decodeBbqrBody(body, encoding))));
  if (encoding !== 'Z') return joined;
  try {
    return new Uint8Array(
      inflateRawSync(joined, { windowBits: ZLIB_WINDOW_BITS, maxOutputLength: maxBytes }),
    );
  } catch {
    throw badInput('QR_CORRUPT', 'the compressed BBQr data is damaged or larger than allowed');
  }
}
