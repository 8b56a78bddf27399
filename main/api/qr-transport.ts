import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { URDecoder, UREncoder } from '@ngraveio/bc-ur';
import QRCode from 'qrcode';
import { badInput, refused } from '../../src/common/errors';
import type { QrFormat } from '../../src/ipc/models';
import type { AssemblerProgress, FrameAssembler } from './core-port';

/**
 * The app's QR transport for PSBTs: UR `crypto-psbt`/`psbt` (multi-part, fountain codes) and single
 * base64 frames, on the reference libraries. src/qr (BBQr and the full assembler) replaces it when it lands.
 */

const DEFAULT_FRAGMENT = 250;

export function encodePsbtFrames(input: {
  bytes: Uint8Array;
  format: QrFormat;
  maxFragmentLength?: number;
}): string[] {
  const bytes = Buffer.from(input.bytes);
  switch (input.format) {
    case 'base64':
      return [bytes.toString('base64')];
    case 'ur': {
      const ur = new CryptoPSBT(bytes).toUR();
      const encoder = new UREncoder(ur, input.maxFragmentLength ?? DEFAULT_FRAGMENT);
      // The pure fragments once each, then as many fountain parts again so a missed frame is covered.
      const count = encoder.fragmentsLength === 1 ? 1 : encoder.fragmentsLength * 2;
      return Array.from({ length: count }, () => encoder.nextPart());
    }
    case 'bbqr':
      throw refused(
        'QR_FORMAT_UNAVAILABLE',
        'BBQr output is not available in this build; choose UR or base64',
      );
  }
}

export async function renderFramePng(frame: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(frame, { errorCorrectionLevel: 'L', margin: 4, scale: 6 }));
}

class PsbtFrameAssembler implements FrameAssembler {
  private decoder: URDecoder | null = null;
  private seen = 0;

  receive(text: string): AssemblerProgress {
    const trimmed = text.trim();
    if (!/^ur:/i.test(trimmed)) return this.single(trimmed);
    this.decoder ??= new URDecoder();
    const before = this.decoder.receivedPartIndexes().length;
    if (!this.decoder.receivePart(trimmed.toLowerCase())) {
      return this.rejected('ur', 'this QR code belongs to another transfer or is damaged; keep scanning');
    }
    if (this.decoder.receivedPartIndexes().length > before) this.seen += 1;
    const needed = this.decoder.expectedPartCount();
    if (!this.decoder.isComplete()) {
      return { status: 'progress', format: 'ur', partsSeen: this.seen, partsNeeded: needed, message: null };
    }
    if (!this.decoder.isSuccess()) throw badInput('QR_CORRUPT', 'the scanned UR failed its checksum');
    const ur = this.decoder.resultUR();
    if (ur.type !== 'crypto-psbt' && ur.type !== 'psbt') {
      throw badInput('QR_NOT_PSBT', `the scanned code holds ${ur.type}, not a PSBT`);
    }
    const payload =
      ur.type === 'crypto-psbt'
        ? new Uint8Array(CryptoPSBT.fromCBOR(ur.cbor).getPSBT())
        : new Uint8Array(ur.cbor);
    return {
      status: 'complete',
      format: 'ur',
      partsSeen: needed,
      partsNeeded: needed,
      message: null,
      payload,
    };
  }

  private single(text: string): AssemblerProgress {
    if (this.decoder) return this.rejected('ur', 'a plain QR code appeared in the middle of a UR transfer');
    if (!/^(cHNidP8|70736274ff)/i.test(text)) {
      return this.rejected(null, 'this QR code is not a PSBT (expected UR or base64)');
    }
    const payload = /^cHNidP8/.test(text)
      ? new Uint8Array(Buffer.from(text, 'base64'))
      : new Uint8Array(Buffer.from(text, 'hex'));
    return { status: 'complete', format: 'base64', partsSeen: 1, partsNeeded: 1, message: null, payload };
  }

  private rejected(format: string | null, message: string): AssemblerProgress {
    return {
      status: 'rejected',
      format,
      partsSeen: this.seen,
      partsNeeded: this.decoder?.expectedPartCount() || null,
      message,
    };
  }
}

export function createPsbtAssembler(): FrameAssembler {
  return new PsbtFrameAssembler();
}
