import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FountainDecoder } from '../../../src/qr/fountain-decoder';

/**
 * The fragments a UR transfer already holds before it completes (FountainDecoder.takeKnownStretches):
 * each once, as the message has it, with its known neighbours' edges; mixed parts reveal nothing.
 */
const FRAGMENT = 10;
const message = Uint8Array.from({ length: 5 * FRAGMENT - 3 }, (_, i) => (i * 37 + 11) & 0xff);
const fragment = (i: number) => {
  const part = new Uint8Array(FRAGMENT);
  part.set(message.subarray(i * FRAGMENT, (i + 1) * FRAGMENT));
  return part;
};
const xor = (a: Uint8Array, b: Uint8Array) => a.map((byte, i) => byte ^ (b[i] as number));
const decoder = () =>
  new FountainDecoder(
    { seqLength: 5, messageLength: message.length, checksum: crc32(message), fragmentLength: FRAGMENT },
    1 << 20,
  );

describe('FountainDecoder.takeKnownStretches', () => {
  it('hands out each fragment once, with up to `overlap` bytes of its known neighbours', () => {
    const d = decoder();
    d.receive([2], fragment(2));
    expect(d.takeKnownStretches(4)).toEqual([message.slice(20, 30)]);
    expect(d.takeKnownStretches(4)).toEqual([]);
    // Fragment 3 comes with the end of fragment 2 before it, so a record across them is whole.
    d.receive([3], fragment(3));
    expect(d.takeKnownStretches(4)).toEqual([message.slice(26, 40)]);
  });

  it('reveals nothing from a mixed part until it reduces to one fragment', () => {
    const d = decoder();
    d.receive([0, 1], xor(fragment(0), fragment(1)));
    expect(d.takeKnownStretches(4)).toEqual([]);
    // Reduced against the held row {0, 1}, a pure part of fragment 1 stays fragment 1 (its own pivot).
    d.receive([1], fragment(1));
    expect(d.takeKnownStretches(4)).toEqual([message.slice(10, 20)]);
  });

  it('gives nothing once the message is complete (the verified message is used instead)', () => {
    const d = decoder();
    for (const i of [4, 3, 2, 1]) d.receive([i], fragment(i));
    d.takeKnownStretches(4);
    d.receive([0], fragment(0));
    expect(d.isComplete).toBe(true);
    expect(d.takeKnownStretches(4)).toEqual([]);
  });
});
