import { getCRC } from '@ngraveio/bc-ur/dist/utils.js';
import { AirlockError, badInput } from '../common/errors';

/** What every part of one UR fountain transfer agrees on. */
export interface FountainTransfer {
  seqLength: number;
  messageLength: number;
  /** CRC32 of the whole message (bc-ur's checksum). */
  checksum: number;
  /** Bytes per fragment; every part's data is this long. */
  fragmentLength: number;
}

/**
 * Most fragments a transfer may have: each stored row keeps one bit per fragment, so memory grows
 * with the square of this (8192 fragments: 8 MB of bit sets). At 10 frames a second 8192 frames
 * take 14 minutes to scan; real transfers have a few hundred.
 */
export const MAX_FOUNTAIN_FRAGMENTS = 8192;

const failed = (message: string): AirlockError => new AirlockError('bad-input', 'QR_FAILED', message);

/**
 * A UR fountain-code decoder that solves the received parts as a linear system over GF(2). Each part
 * is a row: the set of fragments it mixes (a bit set) and the XOR of those fragments. Rows are kept
 * in echelon form, each under its own pivot (its lowest fragment index), so the message is known as
 * soon as the parts hold it (rank = fragment count), where bc-ur's peeling decoder waits until some
 * part has all but one of its fragments known. Nothing is returned until the message passes the
 * transfer's CRC32; parts that contradict each other fail the transfer.
 */
export class FountainDecoder {
  private readonly words: number;
  private readonly dataWords: number;
  /** By fragment index: the row whose pivot it is. */
  private readonly pivotBits: (Uint32Array | undefined)[];
  private readonly pivotData: (Uint32Array | undefined)[];
  /** One past the last non-zero word of each pivot row's bit set, to bound the XOR. */
  private readonly pivotEnd: Uint32Array;
  private rankCount = 0;
  /** Fragments whose row is that fragment alone (a pure part, or reduced to one): known before the end. */
  private readonly known: Uint8Array;
  /** Known fragments not yet handed out by takeKnownStretches. */
  private fresh: number[] = [];
  private message: Uint8Array | null = null;
  private failure: string | null = null;

  constructor(
    readonly transfer: FountainTransfer,
    maxBytes: number,
  ) {
    const { seqLength, messageLength, fragmentLength } = transfer;
    for (const value of [seqLength, messageLength, fragmentLength]) {
      if (!Number.isSafeInteger(value) || value < 1)
        throw badInput('QR_CORRUPT', 'this UR frame has an invalid header');
    }
    // Checked before anything is allocated for the transfer.
    if (seqLength * fragmentLength > maxBytes) {
      throw badInput(
        'QR_TOO_LARGE',
        `this transfer claims about ${Math.round((seqLength * fragmentLength) / 1024)} kB; the limit is ${Math.round(maxBytes / 1024)} kB`,
      );
    }
    if (seqLength > MAX_FOUNTAIN_FRAGMENTS) {
      throw badInput(
        'QR_TOO_LARGE',
        `this transfer has ${seqLength} parts; the limit is ${MAX_FOUNTAIN_FRAGMENTS}`,
      );
    }
    // The UR fountain code splits the message into ceil(length / fragment length) fragments.
    if (Math.ceil(messageLength / fragmentLength) !== seqLength) {
      throw badInput('QR_CORRUPT', 'this UR frame’s lengths disagree (message, fragment and part count)');
    }
    this.words = Math.ceil(seqLength / 32);
    this.dataWords = Math.ceil(fragmentLength / 4);
    this.pivotBits = new Array(seqLength);
    this.pivotData = new Array(seqLength);
    this.pivotEnd = new Uint32Array(seqLength);
    this.known = new Uint8Array(seqLength);
  }

  /** Independent parts received: the fragments' worth of information held. */
  get rank(): number {
    return this.rankCount;
  }

  get isComplete(): boolean {
    return this.message !== null;
  }

  /**
   * Adds one part: the fragment indexes it mixes and its data (their XOR). Returns whether it added
   * information (false: it follows from the parts already held). Throws QR_FAILED when it contradicts
   * them, or when the completed message fails its checksum.
   */
  receive(indexes: readonly number[], fragment: Uint8Array): boolean {
    const { seqLength, fragmentLength } = this.transfer;
    if (fragment.length !== fragmentLength)
      throw badInput('QR_CORRUPT', 'this UR part’s length differs from the transfer’s');
    if (this.failure) throw failed(this.failure);
    if (this.message) return false;
    const bits = new Uint32Array(this.words);
    let end = 0;
    for (const index of indexes) {
      if (!Number.isInteger(index) || index < 0 || index >= seqLength)
        throw badInput('QR_CORRUPT', 'this UR part names a fragment outside the transfer');
      bits[index >>> 5] = (bits[index >>> 5] as number) ^ (1 << (index & 31));
      end = Math.max(end, (index >>> 5) + 1);
    }
    const data = new Uint32Array(this.dataWords);
    new Uint8Array(data.buffer).set(fragment);

    // Eliminate every held pivot from the row, lowest index first; its lowest free index becomes its pivot.
    let pivot = -1;
    for (let column = nextSetBit(bits, 0, end); column >= 0; column = nextSetBit(bits, column, end)) {
      const rowBits = this.pivotBits[column];
      if (rowBits) {
        const rowEnd = this.pivotEnd[column] as number;
        for (let w = column >>> 5; w < rowEnd; w++) bits[w] = (bits[w] as number) ^ (rowBits[w] as number);
        end = Math.max(end, rowEnd);
        xorInto(data, this.pivotData[column] as Uint32Array);
      } else {
        if (pivot < 0) pivot = column;
        column++;
      }
    }
    if (pivot < 0) {
      if (data.some((word) => word !== 0))
        this.fail('two UR parts of this transfer contradict each other (a damaged or foreign frame)');
      return false;
    }
    this.pivotBits[pivot] = bits;
    this.pivotData[pivot] = data;
    this.pivotEnd[pivot] = end;
    if (nextSetBit(bits, pivot + 1, end) < 0) {
      this.known[pivot] = 1;
      this.fresh.push(pivot);
    }
    this.rankCount++;
    if (this.rankCount === seqLength) this.solve();
    return true;
  }

  /**
   * The message's fragments known since the last call, before the transfer completes, each with up to
   * `overlap` bytes of its known neighbours on either side, so a record cut by a fragment boundary is
   * whole in the stretch of whichever of the two fragments came second. Unverified (the checksum
   * covers only the whole message): for work that may be done early and redone, never for decisions.
   */
  takeKnownStretches(overlap: number): Uint8Array[] {
    const fresh = this.fresh;
    this.fresh = [];
    if (this.message) return [];
    const { seqLength, fragmentLength } = this.transfer;
    const fragment = (index: number) =>
      new Uint8Array((this.pivotData[index] as Uint32Array).buffer, 0, fragmentLength);
    const side = Math.min(overlap, fragmentLength);
    return fresh.map((index) => {
      const before =
        index > 0 && this.known[index - 1] ? fragment(index - 1).subarray(fragmentLength - side) : null;
      const after =
        index + 1 < seqLength && this.known[index + 1] ? fragment(index + 1).subarray(0, side) : null;
      const stretch = new Uint8Array((before?.length ?? 0) + fragmentLength + (after?.length ?? 0));
      if (before) stretch.set(before, 0);
      stretch.set(fragment(index), before?.length ?? 0);
      if (after) stretch.set(after, stretch.length - after.length);
      return stretch;
    });
  }

  /** The verified message once complete, else null. */
  result(): Uint8Array | null {
    return this.message;
  }

  /** All pivots held: back-substitute from the highest index down, join, cut and verify. */
  private solve(): void {
    const { seqLength, fragmentLength, messageLength, checksum } = this.transfer;
    const joined = new Uint8Array(seqLength * fragmentLength);
    for (let column = seqLength - 1; column >= 0; column--) {
      const bits = this.pivotBits[column] as Uint32Array;
      const data = this.pivotData[column] as Uint32Array;
      const end = this.pivotEnd[column] as number;
      // Every other index of the row is higher, so already solved.
      for (
        let other = nextSetBit(bits, column + 1, end);
        other >= 0;
        other = nextSetBit(bits, other + 1, end)
      ) {
        xorInto(data, this.pivotData[other] as Uint32Array);
      }
      joined.set(new Uint8Array(data.buffer, 0, fragmentLength), column * fragmentLength);
    }
    this.pivotBits.fill(undefined);
    this.pivotData.fill(undefined);
    const message = joined.subarray(0, messageLength);
    if (
      getCRC(Buffer.from(message.buffer, message.byteOffset, message.byteLength)) >>> 0 !==
      checksum >>> 0
    ) {
      this.fail('the assembled UR failed its checksum');
    }
    this.message = message;
  }

  /** The transfer cannot complete any more: this and every later part fail it. */
  private fail(message: string): never {
    this.failure = message;
    throw failed(message);
  }
}

function xorInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) ^ (source[i] as number);
}

/** Lowest set bit at or above `from`, looking at words before `end`; -1 when none. */
function nextSetBit(bits: Uint32Array, from: number, end: number): number {
  let w = from >>> 5;
  if (w >= end) return -1;
  let word = (bits[w] as number) & (~0 << (from & 31));
  while (word === 0) {
    if (++w >= end) return -1;
    word = bits[w] as number;
  }
  return (w << 5) + 31 - Math.clz32(word & -word);
}
