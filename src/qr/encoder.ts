import QRCode from 'qrcode';
import { badInput } from '../common/errors';
import { encodeSpecterFrames } from './base64';
import { ALNUM_CAPACITY_L, BBQR_HEADER_LENGTH, type BbqrFileType, splitBbqr } from './bbqr';
import type { PayloadKind } from './types';
import { encodePsbtUr, MAX_UR_SEQ_NUM, type PsbtUrType } from './ur';

export const OUTPUT_FORMATS = ['ur', 'bbqr', 'base64'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DENSITIES = ['low', 'medium', 'high'] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * The QR version every frame is filled to, per density, chosen for laptop cameras reading a laptop
 * or phone screen: medium (73 modules a side) is read by a 720p webcam at arm's length; low suits
 * poor cameras or small screens, high fewer frames on a good camera. Smaller payloads use the lowest
 * version that needs no more frames.
 */
export const DENSITY_VERSION: Record<Density, number> = { low: 10, medium: 14, high: 20 };
/** BBQr parts below this version are not made (as the reference implementation). */
const BBQR_MIN_VERSION = 5;

/** Bytes a QR code holds in byte mode at error correction L, versions 1-40. */
export const BYTE_CAPACITY_L = [
  0, 17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718, 792, 858, 929,
  1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809,
  2953,
];

const BBQR_TYPE: Partial<Record<PayloadKind, BbqrFileType>> = {
  psbt: 'P',
  transaction: 'T',
  json: 'J',
  text: 'U',
  cbor: 'C',
  bytes: 'B',
};

export interface EncodeOptions {
  bytes: Uint8Array;
  format: OutputFormat;
  kind?: PayloadKind;
  urType?: PsbtUrType;
  density?: Density;
  /**
   * UR only: the standard's maximum fragment length, honoured as given (frames then use the QR
   * version that holds it) instead of filling the density's version.
   */
  maxFragmentLength?: number;
}

/**
 * The frames of one transfer; loop them on screen in order, forever (a receiver may start anywhere).
 * UR: the pure fragments, then as many chosen fountain parts (see chooseMixedSeqNums).
 */
export function encodeFrames({
  bytes,
  format,
  kind = 'psbt',
  urType = 'crypto-psbt',
  density = 'medium',
  maxFragmentLength,
}: EncodeOptions): string[] {
  if (bytes.length === 0) throw badInput('QR_EMPTY', 'there is nothing to encode');
  const version = DENSITY_VERSION[density];
  switch (format) {
    case 'ur': {
      if (kind !== 'psbt')
        throw badInput('QR_UNSUPPORTED', 'UR output is for PSBTs; use BBQr for other data');
      // The reference encoder spreads the message evenly over the fewest fragments of at most this length.
      const fragment = maxFragmentLength ?? urFragmentCapacity(psbtUrMessageLength(bytes), urType, version);
      return encodePsbtUr({ bytes, urType, maxFragmentLength: fragment });
    }
    case 'bbqr': {
      const fileType = BBQR_TYPE[kind];
      if (!fileType) throw badInput('QR_UNSUPPORTED', `BBQr has no file type for ${kind}`);
      return splitBbqr(bytes, fileType, { maxVersion: version, minVersion: BBQR_MIN_VERSION }).parts;
    }
    case 'base64': {
      const text = Buffer.from(bytes).toString('base64');
      if (text.length <= (BYTE_CAPACITY_L[version] as number)) return [text];
      return encodeSpecterFrames(text, specterFillingChunk(text.length, version));
    }
  }
}

/**
 * Payload bytes one frame of `format` carries at `version` (after its text encoding and headers),
 * for a transfer of `payloadLength` bytes: the "bytes per frame" of the format's information limit.
 */
export function framePayloadCapacity(
  format: OutputFormat,
  version: number,
  payloadLength: number,
  urType: PsbtUrType = 'crypto-psbt',
): number {
  switch (format) {
    case 'ur':
      return urFragmentCapacity(payloadLength, urType, version);
    case 'bbqr':
      // Base32: 8 characters per 5 bytes after the 8-character header (random data does not compress).
      return Math.floor(((ALNUM_CAPACITY_L[version] as number) - BBQR_HEADER_LENGTH) / 8) * 5;
    case 'base64': {
      const chunk = specterChunkCapacity(Math.ceil(payloadLength / 3) * 4, version);
      return Math.floor(chunk / 4) * 3;
    }
  }
}

function psbtUrMessageLength(bytes: Uint8Array): number {
  // A CBOR byte string: the payload plus a 1-9 byte header.
  const n = bytes.length;
  return n + (n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : n < 2 ** 32 ? 5 : 9);
}

/**
 * The largest UR fragment whose frame fits `version` in alphanumeric mode, with the header sized for
 * the transfer's fragment count and the largest sequence number chooseMixedSeqNums may pick.
 */
function urFragmentCapacity(messageLength: number, urType: string, version: number): number {
  const capacity = ALNUM_CAPACITY_L[version] as number;
  for (let fragment = Math.floor(capacity / 2); fragment > 1; fragment--) {
    if (urPartLength(urType, Math.ceil(messageLength / fragment), messageLength, fragment) <= capacity)
      return fragment;
  }
  return 1;
}

/** Characters of a multi-part UR frame, counting the sequence number at its largest. */
function urPartLength(urType: string, count: number, messageLength: number, fragment: number): number {
  const seqNum = Math.min(MAX_UR_SEQ_NUM, 13 * count + 1024);
  const cborUint = (n: number) => (n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5);
  // [seqNum, seqLength, messageLength, checksum (up to 5 bytes), fragment], then a 4-byte CRC.
  const cbor =
    1 + cborUint(seqNum) + cborUint(count) + cborUint(messageLength) + 5 + cborUint(fragment) + fragment;
  return `ur:${urType}/${seqNum}-${count}/`.length + 2 * (cbor + 4);
}

/** Base64 characters one Specter frame holds at `version` (byte mode), for a text of `length`. */
function specterChunkCapacity(length: number, version: number): number {
  const capacity = BYTE_CAPACITY_L[version] as number;
  // The header `p{i}of{n} ` grows with the frame count; size it for the count this capacity gives.
  let chunk = capacity - 'p1of1 '.length;
  for (;;) {
    const count = Math.ceil(length / chunk);
    const fits = capacity - `p${count}of${count} `.length;
    if (fits >= chunk) return chunk;
    chunk = fits;
  }
}

/** The Specter chunk length that spreads the text evenly over the fewest frames `version` allows. */
function specterFillingChunk(length: number, version: number): number {
  return Math.ceil(length / Math.ceil(length / specterChunkCapacity(length, version)));
}

/** The QR version that holds the largest frame; render every frame of a transfer at it. */
export function commonQrVersion(frames: readonly string[]): number {
  const longest = frames.reduce((a, b) => (b.length > a.length ? b : a), '');
  return QRCode.create(longest, { errorCorrectionLevel: 'L' }).version;
}

export async function renderFramePng(
  text: string,
  { version, scale = 6 }: { version?: number; scale?: number } = {},
): Promise<Uint8Array> {
  return new Uint8Array(
    await QRCode.toBuffer(text, {
      errorCorrectionLevel: 'L',
      margin: 4,
      scale,
      ...(version ? { version } : {}),
    }),
  );
}

export async function renderFrameSvg(text: string, { version }: { version?: number } = {}): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'L',
    margin: 4,
    ...(version ? { version } : {}),
  });
}
