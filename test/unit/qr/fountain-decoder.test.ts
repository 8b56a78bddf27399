import { crc32 } from 'node:zlib';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import { FountainEncoderPart } from '@ngraveio/bc-ur/dist/fountainEncoder';
import { chooseFragments } from '@ngraveio/bc-ur/dist/fountainUtils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAssembler, type QrAssembler } from '../../../src/qr/assembler';
import { encodeFrames } from '../../../src/qr/encoder';
import { FountainDecoder, MAX_FOUNTAIN_FRAGMENTS } from '../../../src/qr/fountain-decoder';
import type { AssemblerUpdate } from '../../../src/qr/types';
import { readUrPart } from '../../../src/qr/ur';
import { seededLoss, seededRandom } from '../../helpers/seeded';

function randomPsbt(size: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const bytes = Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
  bytes.set([0x70, 0x73, 0x62, 0x74, 0xff]);
  return bytes;
}

/** What a coordinator such as Sparrow shows: a plain bc-ur encoder's consecutive parts. */
function referenceFrames(bytes: Uint8Array, maxFragmentLength: number): () => string {
  const encoder = new UREncoder(new CryptoPSBT(Buffer.from(bytes)).toUR(), maxFragmentLength);
  return () => encoder.nextPart();
}

/** A multi-part frame for any part, encoded as bc-ur does (bytewords with CRC over the part's CBOR). */
function frameOf(part: FountainEncoderPart, type = 'crypto-psbt'): string {
  const body = UREncoder.encodeSinglePart(new UR(part.cbor(), 'bytes')).slice('ur:bytes/'.length);
  return `ur:${type}/${part.seqNum}-${part.seqLength}/${body}`;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function isPayload(update: AssemblerUpdate, bytes: Uint8Array): boolean {
  return update.status === 'complete' && Buffer.from(update.payload?.bytes ?? []).equals(Buffer.from(bytes));
}

/** Frames received (not lost) until the assembler completes or fails, with the last update. */
function receiveUntilDone(
  next: () => string | undefined,
  lost: () => boolean,
  assembler: QrAssembler = createAssembler(),
): { update: AssemblerUpdate | undefined; received: number } {
  let received = 0;
  for (let frame = next(); frame !== undefined; frame = next()) {
    if (lost()) continue;
    received++;
    const update = assembler.receive(frame);
    if (update.status === 'complete' || update.status === 'failed') return { update, received };
  }
  return { update: undefined, received };
}

/** Loops `frames` (as a display does), at most `loops` times. */
function looping(frames: readonly string[], loops = 30): () => string | undefined {
  let shown = 0;
  return () => (shown < frames.length * loops ? frames[shown++ % frames.length] : undefined);
}

function limited(next: () => string, count: number): () => string | undefined {
  let shown = 0;
  return () => (shown++ < count ? next() : undefined);
}

/** Independent reference: rank over GF(2) of fragment sets (BigInt bit masks, plain elimination). */
class ReferenceRank {
  private readonly rows = new Map<number, bigint>();
  add(indexes: readonly number[]): void {
    let row = indexes.reduce((mask, index) => mask ^ (1n << BigInt(index)), 0n);
    while (row !== 0n) {
      const top = row.toString(2).length - 1;
      const pivot = this.rows.get(top);
      if (pivot === undefined) {
        this.rows.set(top, row);
        return;
      }
      row ^= pivot;
    }
  }
  get rank(): number {
    return this.rows.size;
  }
}

describe('UR fountain decoder (GF(2) elimination)', () => {
  for (const size of [100, 2_000, 30_000, 200_000]) {
    it(`decodes a ${size} B PSBT byte-exact from our frames and a plain bc-ur encoder's, at 0%, 20% and 50% loss and shuffled`, () => {
      const bytes = randomPsbt(size, size);
      const ours = encodeFrames({ bytes, format: 'ur' });
      // Coordinators show a few hundred bytes a frame; a larger fragment keeps the reference encoder quick.
      const fragmentLength = size > 50_000 ? 1_000 : 250;
      const pureCount = readUrPart(ours[0] as string).seqLength;
      for (const [seed, loss] of [0, 0.2, 0.5].entries()) {
        const fromOurs = receiveUntilDone(looping(ours), seededLoss(seed + 1, loss));
        expect(isPayload(fromOurs.update!, bytes)).toBe(true);
        if (loss === 0) expect(fromOurs.received).toBe(pureCount);
        const fromReference = receiveUntilDone(
          limited(referenceFrames(bytes, fragmentLength), 10 * pureCount + 50),
          seededLoss(seed + 10, loss),
        );
        expect(isPayload(fromReference.update!, bytes)).toBe(true);
      }
      const reference = referenceFrames(bytes, fragmentLength);
      const first = reference();
      const referenceCycle = [first, ...Array.from({ length: 2 * readUrPart(first).seqLength }, reference)];
      for (const frames of [ours, referenceCycle]) {
        const update = receiveUntilDone(looping(shuffled(frames, size), 1), () => false).update;
        expect(isPayload(update!, bytes)).toBe(true);
      }
    });
  }

  it('completes exactly when the parts received hold the message, never later than bc-ur’s decoder (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 2_000 }),
        fc.integer({ min: 40, max: 200 }),
        fc.double({ min: 0, max: 0.7, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.boolean(),
        (size, fragmentLength, loss, seed, shuffle) => {
          const bytes = randomPsbt(size, seed);
          const next = referenceFrames(bytes, fragmentLength);
          const first = next();
          const { seqLength, checksum } = readUrPart(first);
          const shown = [first, ...Array.from({ length: 4 * seqLength + 8 }, next)];
          const lost = seededLoss(seed, loss);
          const received = (shuffle ? shuffled(shown, seed) : shown).filter(() => !lost());

          const assembler = createAssembler();
          const rank = new ReferenceRank();
          const reference = new URDecoder();
          let oursAt = -1;
          let referenceAt = -1;
          let rankAt = -1;
          for (const [i, frame] of received.entries()) {
            const { seqNum } = readUrPart(frame);
            rank.add(chooseFragments(seqNum, seqLength, checksum));
            if (rankAt < 0 && rank.rank === seqLength) rankAt = i;
            if (referenceAt < 0) {
              reference.receivePart(frame);
              if (reference.isComplete()) referenceAt = i;
            }
            if (oursAt < 0) {
              const update = assembler.receive(frame);
              if (update.status === 'complete') {
                expect(isPayload(update, bytes)).toBe(true);
                oursAt = i;
              } else {
                expect(update.status).toBe('progress');
                // The estimate is exact: what is seen plus the fragments' worth still missing.
                expect(update.partsNeeded! - update.partsSeen).toBe(seqLength - rank.rank);
              }
            }
          }
          expect(oursAt).toBe(rankAt);
          if (referenceAt >= 0) expect(oursAt).toBeLessThanOrEqual(referenceAt);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('on lossy bc-ur streams, needs fewer parts than bc-ur’s own decoder', () => {
    const bytes = randomPsbt(20_000, 7);
    const next = referenceFrames(bytes, 200);
    const shown = Array.from({ length: 300 }, next);
    const { seqLength } = readUrPart(shown[0] as string);
    const counts = [1, 2, 3, 4, 5, 6].map((seed) => {
      const lost = seededLoss(seed, 0.2);
      const received = shown.filter(() => !lost());
      const ours = receiveUntilDone(looping(received, 1), () => false);
      expect(isPayload(ours.update!, bytes)).toBe(true);
      const reference = new URDecoder();
      let theirs = 0;
      for (const frame of received) {
        if (reference.isComplete()) break;
        reference.receivePart(frame);
        theirs++;
      }
      expect(reference.isSuccess()).toBe(true);
      expect(ours.received).toBeGreaterThanOrEqual(seqLength);
      expect(ours.received).toBeLessThanOrEqual(theirs);
      return { ours: ours.received - seqLength, theirs: theirs - seqLength };
    });
    const extra = (who: 'ours' | 'theirs') => counts.reduce((sum, count) => sum + count[who], 0);
    // Parts received beyond the fragment count (101 fragments): bc-ur's peeling decoder wastes more.
    expect(extra('ours')).toBeLessThan(extra('theirs'));
  });
});

describe('UR fountain decoder refuses what does not add up', () => {
  it('tells a redundant part from a contradictory one, and verifies the message CRC', () => {
    const message = Uint8Array.from({ length: 10 }, (_, i) => i * 37 + 1);
    const fragment = (i: number) => Uint8Array.from({ length: 4 }, (_, j) => message[i * 4 + j] ?? 0);
    const xor = (...parts: Uint8Array[]) =>
      parts.reduce((acc, part) => acc.map((byte, j) => byte ^ (part[j] as number)), new Uint8Array(4));
    const transfer = { seqLength: 3, messageLength: 10, checksum: crc32(message), fragmentLength: 4 };

    const decoder = new FountainDecoder(transfer, 1_000);
    expect(decoder.receive([0, 1], xor(fragment(0), fragment(1)))).toBe(true);
    expect(decoder.receive([1, 2], xor(fragment(1), fragment(2)))).toBe(true);
    expect(decoder.receive([0, 2], xor(fragment(0), fragment(2)))).toBe(false);
    expect(decoder.rank).toBe(2);
    expect(decoder.result()).toBeNull();
    expect(decoder.receive([2], fragment(2))).toBe(true);
    expect(Buffer.from(decoder.result()!).equals(Buffer.from(message))).toBe(true);

    const contradicted = new FountainDecoder(transfer, 1_000);
    contradicted.receive([0, 1], xor(fragment(0), fragment(1)));
    contradicted.receive([1, 2], xor(fragment(1), fragment(2)));
    const wrong = xor(fragment(0), fragment(2));
    wrong[3] = (wrong[3] as number) ^ 0x10;
    expect(() => contradicted.receive([0, 2], wrong)).toThrow(expect.objectContaining({ code: 'QR_FAILED' }));

    const badChecksum = new FountainDecoder({ ...transfer, checksum: (transfer.checksum ^ 1) >>> 0 }, 1_000);
    for (const i of [0, 1]) badChecksum.receive([i], fragment(i));
    expect(() => badChecksum.receive([2], fragment(2))).toThrow(
      expect.objectContaining({ code: 'QR_FAILED' }),
    );
    expect(badChecksum.result()).toBeNull();
  });

  it('fails the transfer when one byte of a mixed part is changed, whether it arrives before or after its fragments', () => {
    const bytes = randomPsbt(3_000, 11);
    const next = referenceFrames(bytes, 150);
    const first = next();
    const { seqLength } = readUrPart(first);
    const stream = [first, ...Array.from({ length: 3 * seqLength }, next)];
    const tamperedAt = stream.findIndex((frame, i) => i >= seqLength && isMixed(frame));
    const tampered = tamper(stream[tamperedAt] as string, 0, 0x01);
    // After its own pure fragments (one other fragment missing, so the transfer is incomplete): the
    // part is implied by them, so it contradicts them.
    const { seqNum, checksum } = readUrPart(tampered);
    const mixes = chooseFragments(seqNum, seqLength, checksum);
    const missing = Array.from({ length: seqLength }, (_, i) => i).find((i) => !mixes.includes(i)) as number;
    const pure = stream.slice(0, seqLength).filter((_, i) => i !== missing);
    const late = receiveUntilDone(looping([...pure, tampered], 1), () => false);
    expect(late.update).toMatchObject({ status: 'failed', code: 'QR_CORRUPT' });
    expect(late.update?.message).toMatch(/contradict/);
    expect(late.received).toBe(seqLength);
    // First: it is taken as new information and the assembled message fails its CRC.
    const early = receiveUntilDone(
      looping([tampered, ...stream.filter((_, i) => i !== tamperedAt)], 1),
      () => false,
    );
    expect(early.update).toMatchObject({ status: 'failed', code: 'QR_CORRUPT' });
    expect(early.update?.payload).toBeUndefined();
  });

  it('never returns a wrong payload when any byte of any part is changed (property)', () => {
    const bytes = randomPsbt(1_500, 12);
    const next = referenceFrames(bytes, 100);
    const first = next();
    const { seqLength } = readUrPart(first);
    const stream = [first, ...Array.from({ length: 3 * seqLength }, next)];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: stream.length - 1 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (at, byte, mask, seed, loss) => {
          const frames = stream.map((frame, i) => (i === at ? tamper(frame, byte, mask) : frame));
          const { update } = receiveUntilDone(looping(shuffled(frames, seed), 1), seededLoss(seed, loss));
          if (update?.status === 'complete') expect(isPayload(update, bytes)).toBe(true);
          else expect(update?.payload).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a part of another transfer (or with another fragment length) without touching this one', () => {
    const bytes = randomPsbt(4_000, 13);
    const ours = encodeFrames({ bytes, format: 'ur', maxFragmentLength: 200 });
    const theirs = encodeFrames({ bytes: randomPsbt(4_000, 14), format: 'ur', maxFragmentLength: 200 });
    const part = readUrPart(ours[1] as string);
    const longer = frameOf(
      new FountainEncoderPart(
        part.seqNum + 1,
        part.seqLength,
        part.messageLength,
        part.checksum,
        Buffer.alloc(part.data.length + 1, 9),
      ),
    );
    const assembler = createAssembler();
    assembler.receive(ours[0] as string);
    for (const foreign of [theirs[1], theirs[30], longer] as string[]) {
      expect(assembler.receive(foreign)).toMatchObject({
        status: 'rejected',
        code: 'QR_MIXED_SESSION',
        partsSeen: 1,
      });
    }
    const { update } = receiveUntilDone(looping(ours.slice(1), 1), () => false, assembler);
    expect(isPayload(update!, bytes)).toBe(true);
  });

  it('refuses a transfer whose claimed size is over the cap or inconsistent, before allocating for it', () => {
    const claim = (seqLength: number, messageLength: number, fragmentLength: number) =>
      frameOf(new FountainEncoderPart(1, seqLength, messageLength, 1234, Buffer.alloc(fragmentLength, 1)));
    // 4 billion parts of 10 bytes behind a small message length: the decoder would need 40 GB.
    expect(createAssembler().receive(claim(4_000_000_000, 1_000, 10))).toMatchObject({
      status: 'rejected',
      code: 'QR_TOO_LARGE',
    });
    expect(createAssembler({ maxBytes: 50_000 }).receive(claim(300, 60_000, 200))).toMatchObject({
      code: 'QR_TOO_LARGE',
    });
    expect(
      createAssembler().receive(claim(MAX_FOUNTAIN_FRAGMENTS + 1, (MAX_FOUNTAIN_FRAGMENTS + 1) * 10, 10)),
    ).toMatchObject({
      code: 'QR_TOO_LARGE',
    });
    // Lengths that do not split into this many fragments.
    const assembler = createAssembler();
    expect(assembler.receive(claim(7, 1_000, 100))).toMatchObject({ status: 'rejected', code: 'QR_CORRUPT' });
    // No session was kept: a real transfer starts afresh.
    const bytes = randomPsbt(800, 15);
    const { update } = receiveUntilDone(
      looping(encodeFrames({ bytes, format: 'ur', maxFragmentLength: 100 }), 1),
      () => false,
      assembler,
    );
    expect(isPayload(update!, bytes)).toBe(true);
  });
});

function isMixed(frame: string): boolean {
  const { seqNum, seqLength, checksum } = readUrPart(frame);
  return chooseFragments(seqNum, seqLength, checksum).length > 1;
}

/** The same part with one fragment byte changed, in a frame whose own checksum is valid. */
function tamper(frame: string, byte: number, mask: number): string {
  const part = readUrPart(frame);
  const data = Buffer.from(part.data);
  data[byte % data.length] = (data[byte % data.length] as number) ^ mask;
  return frameOf(
    new FountainEncoderPart(part.seqNum, part.seqLength, part.messageLength, part.checksum, data),
    part.type,
  );
}
