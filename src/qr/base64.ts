import { badInput } from '../common/errors';

/** Specter's animated format: `p{index}of{total} {base64 chunk}`, 1-based. */
const SPECTER_PART = /^p(\d+)of(\d+) (\S+)$/;

export interface SpecterPart {
  index: number;
  total: number;
  chunk: string;
}

export function parseSpecterPart(text: string): SpecterPart | null {
  const match = SPECTER_PART.exec(text.trim());
  if (!match) return null;
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > 9999 || index < 1 || index > total) {
    throw badInput('QR_CORRUPT', 'a Specter frame has an invalid part number');
  }
  return { index, total, chunk: match[3] as string };
}

/** Splits base64 text into Specter frames, each holding at most `maxChunk` characters. */
export function encodeSpecterFrames(base64: string, maxChunk = 600): string[] {
  const total = Math.max(1, Math.ceil(base64.length / maxChunk));
  return Array.from(
    { length: total },
    (_, i) => `p${i + 1}of${total} ${base64.slice(i * maxChunk, (i + 1) * maxChunk)}`,
  );
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes strict base64 (no whitespace, correct padding); null when the text is not base64. */
export function decodeStrictBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Round trip to refuse non-canonical encodings that Node would silently accept.
  if (bytes.toString('base64') !== text) return null;
  return new Uint8Array(bytes);
}

/** A single-frame PSBT: base64 (as Sparrow and Core show it) or hex. null when it is neither. */
export function decodeSingleFramePsbt(text: string): Uint8Array | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('cHNidP8')) return decodeStrictBase64(trimmed);
  if (/^70736274ff([0-9a-f]{2})*$/i.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'hex'));
  return null;
}
