import { randomBytes } from 'node:crypto';
import { createAssembler } from '../src/qr/assembler';
import { commonQrVersion, encodeFrames, type OutputFormat } from '../src/qr/encoder';

/**
 * Frames needed to move a PSBT across the camera link, per format, against the information limit
 * (payload bytes / binary bytes one QR of the same version holds), with 0% and 20% of frames lost.
 * Targets: <= 1.1x lossless, <= 1.3x at 20% loss.
 */

/** Bytes a QR code holds in byte mode at error correction L, versions 1-40. */
const BYTE_CAPACITY_L = [
  0, 17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718, 792, 858, 929,
  1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809,
  2953,
];

function psbtLike(size: number): Uint8Array {
  // PSBTs are mostly keys, hashes and signatures: high entropy, with some structure.
  const bytes = new Uint8Array(randomBytes(size));
  bytes.set([0x70, 0x73, 0x62, 0x74, 0xff]);
  return bytes;
}

/** Frames shown until the receiver completes, looping the sequence and dropping `loss` of them. */
function framesUntilComplete(frames: string[], loss: number, seed: number): number {
  const assembler = createAssembler();
  let state = seed;
  for (let shown = 1; shown <= frames.length * 20; shown++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    if (state / 0x7fffffff < loss) continue;
    if (assembler.receive(frames[(shown - 1) % frames.length] as string).status === 'complete') return shown;
  }
  return Number.POSITIVE_INFINITY;
}

export default function benchQr(): void {
  for (const size of [2_000, 30_000, 120_000]) {
    const bytes = psbtLike(size);
    for (const format of ['ur', 'bbqr', 'base64'] as OutputFormat[]) {
      const frames = encodeFrames({ bytes, format, density: 'medium' });
      const version = commonQrVersion(frames);
      const limit = Math.ceil(size / (BYTE_CAPACITY_L[version] as number));
      const lossless = framesUntilComplete(frames, 0, 1);
      const lossy = [1, 2, 3].map((seed) => framesUntilComplete(frames, 0.2, seed));
      const meanLossy = lossy.reduce((a, b) => a + b, 0) / lossy.length;
      console.log(
        `qr: ${String(size).padStart(6)} B ${format.padEnd(6)} v${version}: ${lossless} frames, limit ${limit} -> ${(lossless / limit).toFixed(2)}x (target <= 1.1); 20% loss: ${meanLossy.toFixed(1)} frames -> ${(meanLossy / limit).toFixed(2)}x (target <= 1.3)`,
      );
    }
  }
}
