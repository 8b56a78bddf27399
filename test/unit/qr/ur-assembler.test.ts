import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAssembler } from '../../../src/qr/assembler';
import { decodeStrictBase64, encodeSpecterFrames } from '../../../src/qr/base64';
import { encodeFrames } from '../../../src/qr/encoder';
import type { AssemblerUpdate } from '../../../src/qr/types';

/** A PSBT-shaped payload: magic, then deterministic filler. */
function fakePsbt(size: number, salt = 0): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x70, 0x73, 0x62, 0x74, 0xff]);
  for (let i = 5; i < size; i++) bytes[i] = (i * 31 + salt * 17 + (i >> 7)) & 0xff;
  return bytes;
}

function feed(frames: readonly string[], assembler = createAssembler()): AssemblerUpdate {
  let last: AssemblerUpdate | undefined;
  for (const frame of frames) {
    last = assembler.receive(frame);
    if (last.status === 'complete' || last.status === 'failed') return last;
  }
  return last!;
}

const SIZES = [100, 2_000, 30_000, 200_000];

describe('UR transport', () => {
  for (const size of SIZES) {
    it(`round trips a ${size} B PSBT as ur:crypto-psbt and ur:psbt`, () => {
      const bytes = fakePsbt(size);
      for (const urType of ['crypto-psbt', 'psbt'] as const) {
        const result = feed(encodeFrames({ bytes, format: 'ur', urType, density: 'high' }));
        expect(result.status).toBe('complete');
        expect(result.payload?.urType).toBe(urType);
        expect(Buffer.from(result.payload!.bytes).equals(Buffer.from(bytes))).toBe(true);
      }
    });
  }

  it('decodes frames made directly with the reference encoder, skipping 20% of them', () => {
    const bytes = fakePsbt(5_000, 3);
    const encoder = new UREncoder(new CryptoPSBT(Buffer.from(bytes)).toUR(), 150);
    const frames = Array.from({ length: encoder.fragmentsLength * 3 }, () => encoder.nextPart()).filter(
      (_, i) => i % 5 !== 2,
    );
    const result = feed(frames);
    expect(result.status).toBe('complete');
    expect(Buffer.from(result.payload!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('produces frames the reference decoder reads', () => {
    const bytes = fakePsbt(3_000, 4);
    const decoder = new URDecoder();
    for (const frame of encodeFrames({ bytes, format: 'ur' })) {
      decoder.receivePart(frame);
      if (decoder.isComplete()) break;
    }
    expect(decoder.isSuccess()).toBe(true);
    expect(
      Buffer.from(CryptoPSBT.fromCBOR(decoder.resultUR().cbor).getPSBT()).equals(Buffer.from(bytes)),
    ).toBe(true);
  });

  it('reports progress, ignores duplicates and never completes early', () => {
    const frames = encodeFrames({ bytes: fakePsbt(2_000), format: 'ur', maxFragmentLength: 100 });
    const assembler = createAssembler();
    const first = assembler.receive(frames[0]!);
    expect(first).toMatchObject({ status: 'progress', format: 'ur', partsSeen: 1 });
    expect(first.partsNeeded).toBeGreaterThanOrEqual(20);
    expect(assembler.receive(frames[0]!)).toMatchObject({ status: 'progress', partsSeen: 1 });
    expect(first.payload).toBeUndefined();
  });

  it('rejects a frame from another transfer without corrupting this one', () => {
    const ours = encodeFrames({ bytes: fakePsbt(2_000, 1), format: 'ur', maxFragmentLength: 100 });
    const theirs = encodeFrames({ bytes: fakePsbt(2_000, 2), format: 'ur', maxFragmentLength: 100 });
    const assembler = createAssembler();
    assembler.receive(ours[0]!);
    expect(assembler.receive(theirs[1]!)).toMatchObject({ status: 'rejected', code: 'QR_MIXED_SESSION' });
    expect(assembler.receive(encodeFrames({ bytes: fakePsbt(500), format: 'bbqr' })[0]!)).toMatchObject({
      code: 'QR_MIXED_SESSION',
    });
    const result = feed(ours.slice(1), assembler);
    expect(result.status).toBe('complete');
    expect(Buffer.from(result.payload!.bytes).equals(Buffer.from(fakePsbt(2_000, 1)))).toBe(true);
  });

  it('rejects damaged frames (wrong checksum, truncated) and garbage', () => {
    const frames = encodeFrames({ bytes: fakePsbt(2_000), format: 'ur', maxFragmentLength: 100 });
    const assembler = createAssembler();
    const last = frames[0]!.at(-1) === 'A' ? 'B' : 'A';
    expect(assembler.receive(frames[0]!.slice(0, -1) + last)).toMatchObject({
      status: 'rejected',
      code: 'QR_CORRUPT',
    });
    expect(assembler.receive(frames[0]!.slice(0, 40))).toMatchObject({ status: 'rejected' });
    expect(assembler.receive('hello world')).toMatchObject({ status: 'rejected', code: 'QR_UNKNOWN_FORMAT' });
    expect(assembler.receive('ur:crypto-psbt/')).toMatchObject({ status: 'rejected' });
  });

  it('refuses a transfer that claims 50 MB before keeping any of it', () => {
    // A fountain part whose CBOR header claims a 50 MB message.
    const big = new UREncoder(new UR(Buffer.alloc(60_000, 7), 'bytes'), 1000);
    const frame = big.nextPart();
    expect(createAssembler({ maxBytes: 50_000 }).receive(frame)).toMatchObject({
      status: 'rejected',
      code: 'QR_TOO_LARGE',
    });
    // BBQr cannot claim more than about 3.4 MB (1295 parts of version 40), so cap lower to see the check.
    const bbqrClaim = `B$2PZZ00${'A'.repeat(4000)}`;
    expect(createAssembler({ maxBytes: 1_000_000 }).receive(bbqrClaim)).toMatchObject({
      status: 'rejected',
      code: 'QR_TOO_LARGE',
    });
    expect(createAssembler().receive(`p1of9999 ${'A'.repeat(800)}`)).toMatchObject({
      status: 'rejected',
      code: 'QR_TOO_LARGE',
    });
  });

  it('refuses CBOR that declares an impossible length instead of crashing', () => {
    // 0x5b + 8 bytes: a byte string claiming 2^64-1 bytes, which aborts the registry's decoder.
    const ur = new UR(Buffer.from('5bffffffffffffffff00', 'hex'), 'crypto-psbt');
    const frame = new UREncoder(ur, 1000).nextPart();
    const result = createAssembler().receive(frame);
    expect(['rejected', 'failed']).toContain(result.status);
    expect(result.payload).toBeUndefined();
  });

  it('refuses an array declaring 2^64-1 items (0x9b ff..ff) in crypto-psbt, crypto-output and bytes URs', () => {
    // The wallet engineer found this header aborts the whole Node process inside the registry decoder.
    for (const type of ['crypto-psbt', 'crypto-output', 'bytes']) {
      const ur = new UR(Buffer.from('9bffffffffffffffff00', 'hex'), type);
      const result = createAssembler().receive(new UREncoder(ur, 1000).nextPart());
      expect(['rejected', 'failed']).toContain(result.status);
      expect(result.payload).toBeUndefined();
    }
  });

  it('fails a complete transfer that is not a PSBT when a PSBT is expected', () => {
    const notPsbt = new Uint8Array(300).fill(1);
    const viaBbqr = feed(encodeFrames({ bytes: notPsbt, format: 'bbqr', kind: 'psbt' }));
    expect(viaBbqr).toMatchObject({ status: 'failed', code: 'QR_CORRUPT' });
    expect(viaBbqr.payload).toBeUndefined();
    const text = feed(
      encodeFrames({ bytes: new TextEncoder().encode('{"a":1}'), format: 'bbqr', kind: 'json' }),
      createAssembler({ expect: 'psbt' }),
    );
    expect(text.status).toBe('failed');
  });
});

describe('base64 and Specter frames', () => {
  for (const size of SIZES) {
    it(`round trips a ${size} B PSBT`, () => {
      const bytes = fakePsbt(size, 9);
      const frames = encodeFrames({ bytes, format: 'base64' });
      expect(frames.length === 1 ? frames[0]!.startsWith('cHNidP8') : frames[0]!.startsWith('p1of')).toBe(
        true,
      );
      const result = feed([...frames].reverse());
      expect(result.status).toBe('complete');
      expect(Buffer.from(result.payload!.bytes).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it('refuses non-canonical base64 and mixed Specter sessions', () => {
    expect(decodeStrictBase64('cHNidP8=x')).toBeNull();
    const a = encodeSpecterFrames(Buffer.from(fakePsbt(2_000, 1)).toString('base64'), 500);
    const b = encodeSpecterFrames(Buffer.from(fakePsbt(3_000, 2)).toString('base64'), 500);
    const assembler = createAssembler();
    assembler.receive(a[0]!);
    expect(assembler.receive(b[1]!)).toMatchObject({ status: 'rejected', code: 'QR_MIXED_SESSION' });
  });

  it('Specter frames round trip any payload (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 4, max: 700 }),
        (tail, chunk) => {
          const bytes = new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff, ...tail]);
          const result = feed(encodeSpecterFrames(Buffer.from(bytes).toString('base64'), chunk));
          return (
            result.status === 'complete' && Buffer.from(result.payload!.bytes).equals(Buffer.from(bytes))
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
