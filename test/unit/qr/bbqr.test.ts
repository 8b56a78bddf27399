import { readFileSync } from 'node:fs';
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
