import { isAirlockError } from '../common/errors';
import { type BbqrEncoding, type BbqrFileType, decodeBbqrBody, joinBbqrBodies } from './bbqr';

/**
 * The parts of one BBQr transfer as scanned. A camera sometimes reads a frame cut short yet well formed,
 * so two different bodies can claim one index: both are kept, and the transfer completes with the set
 * of copies that verifies (parts of equal length, decodes, decompresses and reads as its file type).
 */

/** Different copies kept per index; more means the frames do not belong together. */
export const MAX_COPIES_PER_PART = 3;
/** Sets of copies tried when completing; a real scan has one or two damaged frames, not dozens. */
const MAX_TRIALS = 64;

export type BbqrAddResult = 'added' | 'duplicate' | 'damaged' | 'too-many-copies';

export type BbqrAssembly =
  | { ok: true; bytes: Uint8Array; unverifiedParts: number[] }
  | { ok: false; message: string };

/** Whether the assembled bytes read as their declared file type (JSON and text must be UTF-8, JSON or JSON lines must parse). */
function readsAs(fileType: BbqrFileType, bytes: Uint8Array): boolean {
  if (fileType !== 'J' && fileType !== 'U') return true;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (fileType === 'J') return readsAsJson(text);
    return true;
  } catch {
    return false;
  }
}

/** One JSON value, or JSON lines (the audit log's export): every non-empty line one JSON value. */
function readsAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) return false;
    for (const line of lines) JSON.parse(line);
    return true;
  }
}

/** The BBQr specification: "All blocks must be equal length, except for the last one" (which is no longer). */
function evenlySplit(bodies: readonly string[]): boolean {
  const full = bodies[0]?.length ?? 0;
  return bodies.every((body, i) => (i < bodies.length - 1 ? body.length === full : body.length <= full));
}

export class BbqrParts {
  private readonly copies = new Map<number, string[]>();

  constructor(
    readonly encoding: BbqrEncoding,
    readonly fileType: BbqrFileType,
    readonly total: number,
    private readonly maxBytes: number,
  ) {}

  /** Distinct indexes seen. */
  get seen(): number {
    return this.copies.size;
  }

  add(index: number, body: string): BbqrAddResult {
    try {
      decodeBbqrBody(body, this.encoding);
    } catch {
      return 'damaged';
    }
    const known = this.copies.get(index) ?? [];
    if (known.includes(body)) return 'duplicate';
    if (known.length >= MAX_COPIES_PER_PART) return 'too-many-copies';
    this.copies.set(index, [...known, body]);
    return 'added';
  }

  /** Tries the sets of copies, first-scanned copies first, until one verifies. */
  assemble(): BbqrAssembly {
    const perIndex = Array.from({ length: this.total }, (_, i) => this.copies.get(i) ?? []);
    let lastProblem = 'the BBQr parts do not decode together';
    let trials = 0;
    for (const choice of this.choices(perIndex)) {
      if (++trials > MAX_TRIALS) break;
      const bodies = choice.map((copy, i) => perIndex[i]?.[copy] as string);
      if (!evenlySplit(bodies)) {
        lastProblem = 'the BBQr parts are not of equal length, as the BBQr specification requires';
        continue;
      }
      try {
        const bytes = joinBbqrBodies({ bodies, encoding: this.encoding, maxBytes: this.maxBytes });
        if (!readsAs(this.fileType, bytes)) {
          lastProblem = 'the assembled BBQr data does not read as its file type';
          continue;
        }
        const unverifiedParts = perIndex.flatMap((copies, i) => (copies.length > 1 ? [i + 1] : []));
        return { ok: true, bytes, unverifiedParts };
      } catch (error) {
        if (isAirlockError(error)) lastProblem = error.message;
      }
    }
    return { ok: false, message: lastProblem };
  }

  /** Every combination of one copy per index, as copy numbers, in a mixed-radix count. */
  private *choices(perIndex: readonly string[][]): Generator<number[]> {
    const choice = perIndex.map(() => 0);
    for (;;) {
      yield [...choice];
      let i = 0;
      while (i < choice.length && (choice[i] as number) + 1 >= (perIndex[i]?.length ?? 1)) choice[i++] = 0;
      if (i === choice.length) return;
      choice[i] = (choice[i] as number) + 1;
    }
  }
}
