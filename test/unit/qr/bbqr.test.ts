import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { createAssembler } from '../../../src/qr/assembler';
import {
  type BbqrEncoding,
  joinBbqrBodies,
  parseBbqrHeader,
  splitBbqr,
  toBase36Pair,
} from '../../../src/qr/bbqr';
import { runCli, tempDir } from '../../helpers/cli';

const FIXTURES = join(import.meta.dirname, '../../fixtures/qr/bbqr');
const SAMPLES = ['1in100out.psbt', '1in10out.psbt', '1in2out.psbt', 'devils-txn.txn', 'last.txn'];

function assemble(frames: readonly string[]) {
  const assembler = createAssembler();
  let last = assembler.receive(frames[0]!);
  for (const frame of frames.slice(1)) {
    if (last.status === 'complete') break;
    last = assembler.receive(frame);
  }
  return last;
}

describe('BBQr', () => {
  it('decodes the frames scanned from a real Coldcard (spec test_data/real-scan.txt)', () => {
    const frames = readFileSync(join(FIXTURES, 'real-scan.txt'), 'utf8').split('\n').filter(Boolean);
    const result = assemble([...frames].reverse());
    expect(result.status).toBe('complete');
    expect(result.payload?.kind).toBe('text');
    const text = new TextDecoder().decode(result.payload!.bytes);
    expect(text).toContain('Zlib compressed');
    expect(text).toContain('PSBT');
  });

  describe('two different frames for one part (a real scan with a copy cut short; a JSON transfer)', () => {
    const scanned = readFileSync(join(FIXTURES, 'real-scan.txt'), 'utf8').split('\n').filter(Boolean);
    const distinct = [...new Set(scanned)].sort();
    const part4 = distinct.find((frame) => frame.startsWith('B$ZU0803'))!;
    // Cut on a base32 boundary (8 characters = 5 bytes), so the copy alone still looks like whole bytes.
    const cutShort = part4.slice(0, 8 + 640);
    const expectedText = (() => {
      const whole = assemble(distinct);
      return new TextDecoder().decode(whole.payload!.bytes);
    })();

    it.each([
      ['before', [cutShort, ...distinct]],
      ['after', [...distinct.filter((f) => f !== part4), cutShort, part4]],
    ])('completes with the copy that verifies when the short copy comes %s the good one', (_, frames) => {
      const result = assemble(frames);
      expect(result.status).toBe('complete');
      expect(new TextDecoder().decode(result.payload!.bytes)).toBe(expectedText);
      expect(result.message).toBe('a damaged copy of BBQr part 4 was ignored');
    });

    it('keeps collecting while the parts do not verify, and completes once a good copy is scanned', () => {
      const assembler = createAssembler();
      const updates = [cutShort, ...distinct.filter((f) => f !== part4)].map((f) => assembler.receive(f));
      const last = updates.at(-1)!;
      expect(last).toMatchObject({ status: 'rejected', code: 'QR_PARTS_UNVERIFIED', partsSeen: 8 });
      expect(last.message).toMatch(/keep scanning/);
      expect(updates.some((u) => u.payload)).toBe(false);
      const done = assembler.receive(part4);
      expect(done.status).toBe('complete');
      expect(new TextDecoder().decode(done.payload!.bytes)).toBe(expectedText);
    });

    it('skips a copy cut in the middle of a byte at once, and says which part it was', () => {
      const assembler = createAssembler();
      assembler.receive(distinct[0]!);
      expect(assembler.receive(part4.slice(0, 8 + 643))).toMatchObject({
        status: 'rejected',
        code: 'QR_CORRUPT',
        message: expect.stringContaining('part 4'),
      });
      expect(assemble(distinct).status).toBe('complete');
    });

    it('between two copies of equal length, completes with the one whose JSON parses', () => {
      const json = new TextEncoder().encode(
        JSON.stringify({ keys: Array.from({ length: 80 }, (_, i) => i) }),
      );
      const { parts } = splitBbqr(json, 'J', { encoding: '2', minSplit: 3, maxVersion: 10 });
      const damaged = `${parts[1]!.slice(0, 16)}AAAAAAAA${parts[1]!.slice(24)}`;
      const result = assemble([damaged, ...parts]);
      expect(result.status).toBe('complete');
      expect(Buffer.from(result.payload!.bytes).equals(Buffer.from(json))).toBe(true);
      expect(result.message).toBe('a damaged copy of BBQr part 2 was ignored');
    });

    it('qr decode notes the ignored copy, and fails plainly when part 4 is never read whole', async () => {
      const dir = tempDir();
      const withGood = join(dir, 'with-good.txt');
      const shortOnly = join(dir, 'short-only.txt');
      writeFileSync(withGood, [cutShort, ...distinct].join('\n'));
      writeFileSync(shortOnly, [cutShort, ...distinct.filter((f) => f !== part4)].join('\n'));
      const good = await runCli(['qr', 'decode', withGood]);
      expect(good.status).toBe(0);
      expect(good.stdout.trim()).toBe(expectedText.trim());
      expect(good.stderr).toContain('note: a damaged copy of BBQr part 4 was ignored');
      const bad = await runCli(['--json', 'qr', 'decode', shortOnly]);
      expect(bad.status).toBe(2);
      expect(JSON.parse(bad.stdout).error).toMatchObject({
        code: 'QR_CORRUPT',
        message: expect.stringContaining('keep scanning'),
      });
    });

    it('refuses a fourth different frame for one part as another transfer', () => {
      const assembler = createAssembler();
      const copies = [600, 400, 200, 96].map((n) => part4.slice(0, 8 + n));
      const updates = copies.map((f) => assembler.receive(f));
      expect(updates.map((u) => u.status)).toEqual(['progress', 'progress', 'progress', 'rejected']);
      expect(updates[3]!.code).toBe('QR_MIXED_SESSION');
    });
  });

  for (const name of SAMPLES) {
    for (const encoding of ['H', '2', 'Z'] as BbqrEncoding[]) {
      it(`round trips the spec sample ${name} with encoding ${encoding}, in any order`, () => {
        const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
        const fileType = name.endsWith('.psbt') ? 'P' : 'T';
        const { parts, version } = splitBbqr(bytes, fileType, { encoding, maxVersion: 11 });
        expect(parts.every((p) => p.startsWith(`B$${encoding}${fileType}`))).toBe(true);
        const shuffled = [...parts].sort((a, b) => (a.slice(6, 8) < b.slice(6, 8) ? 1 : -1));
        const result = assemble(shuffled);
        expect(result.status).toBe('complete');
        expect(Buffer.from(result.payload!.bytes).equals(bytes)).toBe(true);
        // Every part fits a QR of the announced version in alphanumeric mode, at error correction L.
        for (const part of parts) {
          expect(() =>
            QRCode.create([{ data: part, mode: 'alphanumeric' }], { version, errorCorrectionLevel: 'L' }),
          ).not.toThrow();
        }
      });
    }
  }

  it('matches the spec tests at version 27: hex needs two parts above 1062 bytes', () => {
    for (let size = 1060; size < 1080; size++) {
      const data = new Uint8Array(size).map((_, i) => (i * 7919) % 251);
      const { parts, version } = splitBbqr(data, 'T', {
        encoding: 'H',
        maxSplit: 2,
        minVersion: 27,
        maxVersion: 27,
      });
      expect(version).toBe(27);
      expect(parts).toHaveLength(size <= 1062 ? 1 : 2);
      expect(
        splitBbqr(new Uint8Array(size).fill(0x41), 'T', { encoding: 'Z', minVersion: 27, maxVersion: 27 })
          .parts[0]!.length,
      ).toBeLessThan(100);
    }
  });

  it('falls back from Z to base32 when compression does not help', () => {
    const random = Uint8Array.from({ length: 500 }, (_, i) => (i * 2654435761) >>> 24);
    expect(splitBbqr(random, 'P', { encoding: 'Z' }).encoding).toBe('2');
  });

  it('writes base36 counts as the spec does', () => {
    expect([0, 35, 36, 1295].map(toBase36Pair)).toEqual(['00', '0Z', '10', 'ZZ']);
    expect(parseBbqrHeader('B$2P0Z0A')).toEqual({ encoding: '2', fileType: 'P', total: 35, index: 10 });
  });

  it('refuses a base32 part cut in the middle of a byte or holding a foreign character', () => {
    const join2 = (body: string) => () => joinBbqrBodies({ bodies: [body], encoding: '2', maxBytes: 100 });
    expect(Buffer.from(joinBbqrBodies({ bodies: ['MZXW6'], encoding: '2', maxBytes: 100 })).toString()).toBe(
      'foo',
    );
    for (const damaged of ['MZXW7', 'MZX', 'mzxw6', 'MZXW1']) {
      expect(join2(damaged)).toThrow(expect.objectContaining({ code: 'QR_CORRUPT' }));
    }
  });

  it('split and join round trip any bytes in any encoding and order (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 4000 }),
        fc.constantFrom<BbqrEncoding>('H', '2', 'Z'),
        fc.integer({ min: 5, max: 20 }),
        fc.integer(),
        (bytes, encoding, maxVersion, seed) => {
          const { parts } = splitBbqr(bytes, 'B', { encoding, maxVersion });
          const order = parts
            .map((p, i) => ({ p, k: (i * 2654435761 + seed) >>> 0 }))
            .sort((a, b) => a.k - b.k);
          const result = assemble(order.map((o) => o.p));
          return (
            result.status === 'complete' && Buffer.from(result.payload!.bytes).equals(Buffer.from(bytes))
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
