import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UREncoder } from '@ngraveio/bc-ur';
import { chooseFragments } from '@ngraveio/bc-ur/dist/fountainUtils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseMixedSeqNums, fountainFragmentIndexes } from '../../../src/qr/fountain';
import { encodePsbtUr, readUrPart } from '../../../src/qr/ur';

describe('UR fountain part selection', () => {
  it('computes the same fragments as the reference chooseFragments', () => {
    for (const seqLength of [2, 3, 9, 40, 257]) {
      for (const checksum of [0, 0xdeadbeef, 0xffffffff]) {
        for (const seqNum of [1, seqLength, seqLength + 1, seqLength + 2, 3 * seqLength + 7, 65_535]) {
          expect(fountainFragmentIndexes(seqNum, seqLength, checksum)).toEqual(
            chooseFragments(seqNum, seqLength, checksum),
          );
        }
      }
    }
  });

  it('computes the same fragments as the reference for any part, up to thousands of fragments (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 0xffff }),
        (seqLength, checksum, seqNum) => {
          expect(fountainFragmentIndexes(seqNum, seqLength, checksum)).toEqual(
            chooseFragments(seqNum, seqLength, checksum),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('chooses distinct, deterministic mixed parts beyond the pure fragments', () => {
    for (const seqLength of [2, 9, 120]) {
      const chosen = chooseMixedSeqNums(seqLength, 0x1234abcd, seqLength);
      expect(chosen).toHaveLength(seqLength);
      expect(new Set(chosen).size).toBe(seqLength);
      expect(chosen.every((s) => s > seqLength && s <= 0xffff)).toBe(true);
      expect(chooseMixedSeqNums(seqLength, 0x1234abcd, seqLength)).toEqual(chosen);
    }
    // Mixed parts, not repeats of single fragments, once there are enough fragments to mix.
    const degrees = chooseMixedSeqNums(120, 7, 120).map((s) => fountainFragmentIndexes(s, 120, 7).length);
    expect(Math.min(...degrees)).toBeGreaterThanOrEqual(2);
  });

  it('emits exactly the frames the reference encoder makes for the same sequence numbers', () => {
    const bytes = Uint8Array.from({ length: 3_000 }, (_, i) => (i * 131 + 7) & 0xff);
    bytes.set([0x70, 0x73, 0x62, 0x74, 0xff]);
    const frames = encodePsbtUr({ bytes, maxFragmentLength: 150 });
    const ur = new CryptoPSBT(Buffer.from(bytes)).toUR();
    for (const frame of [frames[0], frames[5], frames.at(-1), frames.at(-7)] as string[]) {
      const { seqNum } = readUrPart(frame);
      // The reference encoder starting one before seqNum emits part seqNum next.
      expect(new UREncoder(ur, 150, seqNum - 1).nextPart().toUpperCase()).toBe(frame);
    }
  });
});
