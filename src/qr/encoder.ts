import QRCode from 'qrcode';
import { badInput } from '../common/errors';
import { encodeSpecterFrames } from './base64';
import { type BbqrFileType, splitBbqr } from './bbqr';
import type { PayloadKind } from './types';
import { encodePsbtUr, type PsbtUrType } from './ur';

export const OUTPUT_FORMATS = ['ur', 'bbqr', 'base64'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DENSITIES = ['low', 'medium', 'high'] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * Frame sizes per density, chosen for laptop cameras reading a laptop or phone screen: medium keeps
 * QR versions around 12 to 16, which a 720p webcam reads at arm's length.
 */
const UR_FRAGMENT: Record<Density, number> = { low: 90, medium: 200, high: 400 };
const BBQR_MAX_VERSION: Record<Density, number> = { low: 11, medium: 16, high: 25 };
const SPECTER_CHUNK: Record<Density, number> = { low: 200, medium: 450, high: 900 };
/** A single base64 frame is used up to this many characters (about QR version 20 in byte mode). */
const SINGLE_FRAME_LIMIT = 1000;

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
  /** Overrides the density's UR fragment length. */
  maxFragmentLength?: number;
}

/** The frames of one transfer; loop them on screen in order. */
export function encodeFrames({
  bytes,
  format,
  kind = 'psbt',
  urType,
  density = 'medium',
  maxFragmentLength,
}: EncodeOptions): string[] {
  if (bytes.length === 0) throw badInput('QR_EMPTY', 'there is nothing to encode');
  switch (format) {
    case 'ur':
      if (kind !== 'psbt')
        throw badInput('QR_UNSUPPORTED', 'UR output is for PSBTs; use BBQr for other data');
      return encodePsbtUr({ bytes, urType, maxFragmentLength: maxFragmentLength ?? UR_FRAGMENT[density] });
    case 'bbqr': {
      const fileType = BBQR_TYPE[kind];
      if (!fileType) throw badInput('QR_UNSUPPORTED', `BBQr has no file type for ${kind}`);
      return splitBbqr(bytes, fileType, { maxVersion: BBQR_MAX_VERSION[density], minVersion: 5 }).parts;
    }
    case 'base64': {
      const text = Buffer.from(bytes).toString('base64');
      return text.length <= SINGLE_FRAME_LIMIT ? [text] : encodeSpecterFrames(text, SPECTER_CHUNK[density]);
    }
  }
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
