/** Transport formats a QR session can use. */
export const QR_FORMATS = ['ur', 'bbqr', 'base64', 'specter'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];

/** What an assembled QR session holds. */
export type PayloadKind = 'psbt' | 'transaction' | 'json' | 'text' | 'cbor' | 'bytes';

export interface QrPayload {
  kind: PayloadKind;
  bytes: Uint8Array;
  /** The UR type when the payload came as a UR (e.g. `crypto-psbt`, `crypto-output`). */
  urType?: string;
}

/**
 * The assembler's answer to one scanned frame. `rejected`: this frame did not advance the transfer (a
 * stray, foreign or damaged frame, or parts that do not yet verify together), and scanning goes on;
 * `failed` means the session cannot complete and must be restarted. A `complete` update's message, if
 * any, reports frames that never verified and were left out.
 */
export interface AssemblerUpdate {
  status: 'progress' | 'complete' | 'rejected' | 'failed';
  format: QrFormat | null;
  /** Distinct parts received so far (duplicates are not counted). */
  partsSeen: number;
  /** Parts needed; for fountain codes the decoder's estimate. null until known. */
  partsNeeded: number | null;
  /** Typed reason for rejected and failed frames. */
  code: string | null;
  message: string | null;
  payload?: QrPayload;
}

export const PSBT_MAGIC = Uint8Array.of(0x70, 0x73, 0x62, 0x74, 0xff);

export function hasPsbtMagic(bytes: Uint8Array): boolean {
  return PSBT_MAGIC.every((b, i) => bytes[i] === b);
}
