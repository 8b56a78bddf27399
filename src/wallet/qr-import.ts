import { UR, UREncoder } from '@ngraveio/bc-ur';
import { AirlockError } from '../common/errors';
import { createAssembler, type QrAssembler } from '../qr/assembler';
import type { AssemblerUpdate, QrPayload } from '../qr/types';
import { MAX_WALLET_FILE_BYTES } from './import';

export interface WalletScanUpdate extends Omit<AssemblerUpdate, 'payload'> {
  /** The wallet export the frames carried, as text for the importer; only once complete. */
  walletText?: string;
}

function utf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AirlockError('bad-input', 'WALLET_QR_INVALID', `the scanned ${what} is not UTF-8 text`);
  }
}

/**
 * The wallet export an assembled QR payload holds, as text the importer reads: an animated
 * `ur:crypto-output` or `ur:output-descriptor` becomes the single-part UR a static code would hold (the importer applies the
 * rules for scanned wallet codes to it); `ur:bytes` (BlueWallet) and BBQr text or JSON (Coldcard) are
 * the file itself, which may not nest another UR.
 */
export function walletTextFromQrPayload(payload: QrPayload): string {
  if (payload.urType === 'crypto-output' || payload.urType === 'output-descriptor') {
    return new UREncoder(new UR(Buffer.from(payload.bytes), payload.urType), 100_000).nextPart();
  }
  if (payload.kind === 'text' || payload.kind === 'json' || payload.kind === 'bytes') {
    const text = utf8(payload.bytes, payload.urType ? `ur:${payload.urType}` : 'file');
    if (/^\s*ur:/i.test(text)) {
      throw new AirlockError('bad-input', 'WALLET_QR_INVALID', 'the scanned file holds another UR inside it');
    }
    return text;
  }
  const what = payload.urType ? `ur:${payload.urType}` : `a ${payload.kind}`;
  throw new AirlockError('bad-input', 'WALLET_QR_UNSUPPORTED', `this QR code holds ${what}, not a wallet`);
}

/**
 * Scans a wallet registration off a coordinator's screen: animated UR or BBQr through the QR
 * assembler, or a single code holding the descriptor or file text as it is.
 */
export class WalletQrScan {
  private assembler: QrAssembler = createAssembler({ maxBytes: MAX_WALLET_FILE_BYTES });

  receive(frame: string): WalletScanUpdate {
    const update = this.assembler.receive(frame);
    if (update.status === 'failed') this.assembler = createAssembler({ maxBytes: MAX_WALLET_FILE_BYTES });
    // A code in no transport format is the export's own text (a descriptor, a Coldcard file).
    if (update.code === 'QR_UNKNOWN_FORMAT' && update.format === null) {
      return {
        ...update,
        status: 'complete',
        code: null,
        message: null,
        partsSeen: 1,
        partsNeeded: 1,
        walletText: frame.trim(),
      };
    }
    const { payload, ...progress } = update;
    if (update.status !== 'complete' || !payload) return progress;
    try {
      return { ...progress, walletText: walletTextFromQrPayload(payload) };
    } catch (error) {
      this.assembler = createAssembler({ maxBytes: MAX_WALLET_FILE_BYTES });
      if (!(error instanceof AirlockError)) throw error;
      return { ...progress, status: 'failed', code: error.code, message: error.message };
    }
  }
}
