import { AirlockError, isAirlockError } from '../common/errors';
import { decodeSingleFramePsbt, decodeStrictBase64, parseSpecterPart } from './base64';
import { type BbqrFileType, parseBbqrHeader } from './bbqr';
import { BbqrParts } from './bbqr-parts';
import { type AssemblerUpdate, hasPsbtMagic, type PayloadKind, type QrFormat, type QrPayload } from './types';
import { payloadFromUr, readUrPart, type UrPartInfo, UrSession } from './ur';

/** Largest payload a session assembles; a PSBT is capped at 4 MB by the parser anyway. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

const BBQR_KIND: Record<BbqrFileType, PayloadKind> = {
  P: 'psbt',
  T: 'transaction',
  J: 'json',
  U: 'text',
  C: 'cbor',
  B: 'bytes',
  X: 'bytes',
};

type Session =
  | { format: 'ur'; ur: UrSession }
  | { format: 'bbqr'; parts: BbqrParts }
  | { format: 'specter'; total: number; chunks: Map<number, string> };

export interface AssemblerOptions {
  maxBytes?: number;
  /** When set, a complete payload of another kind fails the session (e.g. a wallet file scanned as a PSBT). */
  expect?: PayloadKind;
}

/**
 * Assembles QR frames into one payload. The format is detected from the first frame; duplicates are
 * ignored; a frame of another session is rejected without touching this one; nothing is returned
 * until the whole payload is present and verified.
 */
export class QrAssembler {
  private session: Session | null = null;
  private done = false;
  private readonly maxBytes: number;

  constructor(private readonly options: AssemblerOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  get format(): QrFormat | null {
    return this.session?.format ?? null;
  }

  receive(frame: string): AssemblerUpdate {
    if (this.done)
      return this.update('rejected', {
        code: 'QR_SESSION_DONE',
        message: 'this transfer is already complete',
      });
    try {
      return this.receiveFrame(frame.trim());
    } catch (error) {
      const known = isAirlockError(error)
        ? error
        : new AirlockError('bad-input', 'QR_CORRUPT', 'this QR frame could not be read');
      // A frame that breaks an already assembled payload ends the session; a bad frame alone is skipped.
      if (known.code === 'QR_FAILED') {
        this.session = null;
        return this.update('failed', { code: 'QR_CORRUPT', message: known.message });
      }
      return this.update('rejected', { code: known.code, message: known.message });
    }
  }

  /**
   * Stretches of the payload known since the last call while an animated UR transfer is still under
   * way (see FountainDecoder.takeKnownStretches), for work that can start before the last frame;
   * unverified. Other formats give none.
   */
  takeKnownStretches(overlap: number): Uint8Array[] {
    return this.session?.format === 'ur' && !this.done ? this.session.ur.takeKnownStretches(overlap) : [];
  }

  private receiveFrame(text: string): AssemblerUpdate {
    if (/^ur:/i.test(text)) return this.receiveUr(text);
    if (text.startsWith('B$')) return this.receiveBbqr(text);
    const specter = parseSpecterPart(text);
    if (specter) return this.receiveSpecter(specter.index, specter.total, specter.chunk);
    const single = decodeSingleFramePsbt(text);
    if (single) {
      if (this.session) return this.foreign('a single-frame PSBT appeared in the middle of another transfer');
      return this.finish('base64', { kind: 'psbt', bytes: single });
    }
    return this.update('rejected', {
      code: 'QR_UNKNOWN_FORMAT',
      message: 'this QR code is not UR, BBQr, Specter or a base64 PSBT',
    });
  }

  private receiveUr(text: string): AssemblerUpdate {
    const info = readUrPart(text);
    if (this.session && this.session.format !== 'ur')
      return this.foreign('a UR frame appeared in the middle of another transfer');
    if (!this.session) {
      this.checkSize(info.messageLength);
      this.session = { format: 'ur', ur: new UrSession(info, this.maxBytes) };
    }
    const { ur } = this.session;
    if (!sameUrTransfer(ur.identity, info))
      return this.foreign('this UR frame belongs to another transfer (type, length or checksum differ)');
    ur.receive(info);
    const result = ur.result();
    if (!result) return this.update('progress', {});
    return this.finish(
      'ur',
      this.failOnError(() => payloadFromUr(result.type, result.cbor)),
    );
  }

  private receiveBbqr(text: string): AssemblerUpdate {
    const header = parseBbqrHeader(text);
    if (!header)
      return this.update('rejected', { code: 'QR_CORRUPT', message: 'this BBQr frame is too short' });
    if (this.session && this.session.format !== 'bbqr')
      return this.foreign('a BBQr frame appeared in the middle of another transfer');
    if (!this.session) {
      // Every part but the last is full, so the first part seen bounds the total size.
      this.checkSize(((text.length - 8) * header.total * 5) / 8);
      this.session = {
        format: 'bbqr',
        parts: new BbqrParts(header.encoding, header.fileType, header.total, this.maxBytes),
      };
    }
    const { parts } = this.session;
    if (
      parts.encoding !== header.encoding ||
      parts.fileType !== header.fileType ||
      parts.total !== header.total
    ) {
      return this.foreign('this BBQr frame belongs to another transfer (its header differs)');
    }
    const part = header.index + 1;
    switch (parts.add(header.index, text.slice(8))) {
      case 'damaged':
        return this.update('rejected', {
          code: 'QR_CORRUPT',
          message: `BBQr part ${part} was read damaged (cut short); it is skipped, keep scanning`,
        });
      case 'too-many-copies':
        return this.foreign(`too many different frames claim to be BBQr part ${part}`);
      case 'duplicate':
        return this.update('progress', {});
      case 'added':
        break;
    }
    if (parts.seen < parts.total) return this.update('progress', {});
    const assembled = parts.assemble();
    // A damaged copy may have come first: keep scanning, the next good copy of it completes the set.
    if (!assembled.ok) {
      return this.update('rejected', {
        code: 'QR_PARTS_UNVERIFIED',
        message: `${assembled.message}; a part was probably read damaged, keep scanning`,
      });
    }
    const ignored = assembled.unverifiedParts.map((n) => `a damaged copy of BBQr part ${n} was ignored`);
    return this.finish(
      'bbqr',
      { kind: BBQR_KIND[parts.fileType], bytes: assembled.bytes },
      ignored.length > 0 ? ignored.join('; ') : null,
    );
  }

  private receiveSpecter(index: number, total: number, chunk: string): AssemblerUpdate {
    if (this.session && this.session.format !== 'specter')
      return this.foreign('a Specter frame appeared in the middle of another transfer');
    if (!this.session) {
      this.checkSize((chunk.length * total * 3) / 4);
      this.session = { format: 'specter', total, chunks: new Map() };
    }
    const s = this.session;
    if (s.total !== total)
      return this.foreign('this Specter frame belongs to another transfer (its part count differs)');
    const previous = s.chunks.get(index);
    if (previous !== undefined) {
      if (previous !== chunk)
        return this.foreign('two Specter frames claim the same position with different data');
      return this.update('progress', {});
    }
    s.chunks.set(index, chunk);
    if (s.chunks.size < s.total) return this.update('progress', {});
    const text = Array.from({ length: s.total }, (_, i) => s.chunks.get(i + 1) as string).join('');
    const bytes = decodeStrictBase64(text);
    if (!bytes) return this.fail('the assembled Specter frames are not valid base64');
    return this.finish('specter', { kind: 'psbt', bytes });
  }

  private checkSize(claimed: number): void {
    if (claimed > this.maxBytes) {
      throw new AirlockError(
        'bad-input',
        'QR_TOO_LARGE',
        `this transfer claims about ${Math.round(claimed / 1024)} kB; the limit is ${Math.round(this.maxBytes / 1024)} kB`,
      );
    }
  }

  private failOnError<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw new AirlockError(
        'bad-input',
        'QR_FAILED',
        isAirlockError(error) ? error.message : 'the assembled data is damaged',
      );
    }
  }

  private fail(message: string): AssemblerUpdate {
    this.session = null;
    return this.update('failed', { code: 'QR_CORRUPT', message });
  }

  private finish(format: QrFormat, payload: QrPayload, message: string | null = null): AssemblerUpdate {
    if (payload.bytes.length > this.maxBytes) return this.fail('the assembled data is larger than allowed');
    if (payload.kind === 'psbt' && !hasPsbtMagic(payload.bytes))
      return this.fail('the assembled data is not a PSBT (no psbt magic)');
    if (this.options.expect && payload.kind !== this.options.expect) {
      return this.fail(`the scanned code holds ${payload.kind}, not ${this.options.expect}`);
    }
    this.done = true;
    const parts = this.partCounts();
    return {
      status: 'complete',
      format,
      partsSeen: parts.seen,
      partsNeeded: parts.seen,
      code: null,
      message,
      payload,
    };
  }

  private foreign(message: string): AssemblerUpdate {
    return this.update('rejected', { code: 'QR_MIXED_SESSION', message });
  }

  private partCounts(): { seen: number; needed: number | null } {
    const s = this.session;
    if (!s) return { seen: this.done ? 1 : 0, needed: this.done ? 1 : null };
    if (s.format === 'ur') return { seen: s.ur.partsSeen, needed: s.ur.partsNeeded };
    if (s.format === 'bbqr') return { seen: s.parts.seen, needed: s.parts.total };
    return { seen: s.chunks.size, needed: s.total };
  }

  private update(
    status: AssemblerUpdate['status'],
    { code = null, message = null }: { code?: string | null; message?: string | null },
  ): AssemblerUpdate {
    const parts = this.partCounts();
    return { status, format: this.format, partsSeen: parts.seen, partsNeeded: parts.needed, code, message };
  }
}

function sameUrTransfer(a: UrPartInfo, b: UrPartInfo): boolean {
  return (
    a.type === b.type &&
    a.seqLength === b.seqLength &&
    a.messageLength === b.messageLength &&
    a.checksum === b.checksum
  );
}

export function createAssembler(options?: AssemblerOptions): QrAssembler {
  return new QrAssembler(options);
}
