import { randomBytes } from 'node:crypto';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { URDecoder, UREncoder } from '@ngraveio/bc-ur';
import { createAssembler } from '../src/qr/assembler';
import {
  BYTE_CAPACITY_L,
  commonQrVersion,
  encodeFrames,
  framePayloadCapacity,
  type OutputFormat,
} from '../src/qr/encoder';
import { readUrPart } from '../src/qr/ur';
import { seededLoss } from '../test/helpers/seeded';

/**
 * Frames needed to move a PSBT across the camera link, per format, at the default density, with 0%
 * and 20% of the displayed frames lost (independently, pseudo-random, averaged over SEEDS runs).
 * Frames counted are frames displayed (looping the sequence) until our assembler completes.
 *
 * Two limits:
 * - format limit: payload bytes / payload bytes one frame of this format carries at this QR version
 *   (after its text encoding: bytewords for UR, base32 for BBQr, base64 for Specter frames), the
 *   issue's "bytes per frame". Targets: <= 1.1x lossless, <= 1.3x at 20% loss. Under independent
 *   20% loss the floor is 1.25x (1 / 0.8), reachable only with an ideal erasure code.
 * - binary limit: payload bytes / bytes one QR of the same version holds in byte mode, for context.
 * At 20% loss also the erasure channel's limit: the format limit / 0.8, the fewest frames any code
 * can get through a link that drops a fifth of them (its capacity); `ch` ratios are against it.
 *
 * For UR also a coordinator's stream: a plain bc-ur encoder's consecutive parts (pure fragments, then
 * parts 1/d-distributed in degree, as Sparrow and Keystone show), with the same fragments, read by our
 * assembler and by bc-ur's own decoder; and the CPU time our assembler spends on a whole transfer.
 */
const SEEDS = 20;
const LOSS = 0.2;

function psbtLike(size: number): Uint8Array {
  // PSBTs are mostly keys, hashes and signatures: high entropy, with some structure.
  const bytes = new Uint8Array(randomBytes(size));
  bytes.set([0x70, 0x73, 0x62, 0x74, 0xff]);
  return bytes;
}

/** Frames displayed until the receiver completes, looping the sequence; lost frames count as displayed. */
function framesUntilComplete(
  frames: string[],
  loss: number,
  seed: number,
  receive = assemblerReceiver(),
): number {
  // The same seed gives every format the same loss pattern.
  const lost = seededLoss(seed, loss);
  for (let shown = 1; shown <= frames.length * 50; shown++) {
    if (lost()) continue;
    if (receive(frames[(shown - 1) % frames.length] as string)) return shown;
  }
  return Number.POSITIVE_INFINITY;
}

/** Our assembler; true once complete. */
function assemblerReceiver(): (frame: string) => boolean {
  const assembler = createAssembler();
  return (frame) => assembler.receive(frame).status === 'complete';
}

/** bc-ur's own decoder (peeling), as other wallets run it; true once complete. */
function referenceReceiver(): (frame: string) => boolean {
  const decoder = new URDecoder();
  return (frame) => {
    decoder.receivePart(frame);
    return decoder.isComplete() === true;
  };
}

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export default function benchQr(): void {
  console.log(
    `qr: frames displayed until complete; loss averaged over ${SEEDS} seeds; x = frames / limit (format limit; binary limit in brackets)`,
  );
  for (const size of [2_000, 30_000, 120_000]) {
    const bytes = psbtLike(size);
    for (const format of ['ur', 'bbqr', 'base64'] as OutputFormat[]) {
      const frames = encodeFrames({ bytes, format, density: 'medium' });
      const version = commonQrVersion(frames);
      const perFrame = framePayloadCapacity(format, version, size);
      const formatLimit = Math.ceil(size / perFrame);
      const binaryLimit = Math.ceil(size / (BYTE_CAPACITY_L[version] as number));
      const lossless = framesUntilComplete(frames, 0, 1);
      const lossy = Array.from({ length: SEEDS }, (_, seed) => framesUntilComplete(frames, LOSS, seed + 1));
      const ratio = (n: number, limit: number) => (n / limit).toFixed(2);
      const channelLimit = formatLimit / (1 - LOSS);
      console.log(
        `qr: ${String(size).padStart(6)} B ${format.padEnd(6)} v${version} ${perFrame} B/frame, limit ${formatLimit} [${binaryLimit}], cycle ${frames.length}: ` +
          `0% loss ${lossless} frames ${ratio(lossless, formatLimit)}x [${ratio(lossless, binaryLimit)}x] (target <= 1.1); ` +
          `20% loss ${mean(lossy).toFixed(1)} frames (worst ${Math.max(...lossy)}) ${ratio(mean(lossy), formatLimit)}x [${ratio(mean(lossy), binaryLimit)}x], ch ${ratio(mean(lossy), channelLimit)}x (target <= 1.3)`,
      );
      if (format !== 'ur' || frames.length === 1) continue;
      const first = readUrPart(frames[0] as string);
      const encoder = new UREncoder(new CryptoPSBT(Buffer.from(bytes)).toUR(), first.data.length);
      if (encoder.fragmentsLength !== first.seqLength)
        throw new Error('the reference encoder split differently');
      // A coordinator counts on for ever; three times the fragments is more than any run here needs.
      const stream = Array.from({ length: 3 * first.seqLength }, () => encoder.nextPart().toUpperCase());
      const consecutive = Array.from({ length: SEEDS }, (_, seed) =>
        framesUntilComplete(stream, LOSS, seed + 1),
      );
      const peeling = Array.from({ length: SEEDS }, (_, seed) =>
        framesUntilComplete(stream, LOSS, seed + 1, referenceReceiver()),
      );
      // Airlock's frames as a coordinator reads them: with bc-ur's peeling decoder.
      const oursByCoordinator = Array.from({ length: SEEDS }, (_, seed) =>
        framesUntilComplete(frames, LOSS, seed + 1, referenceReceiver()),
      );
      console.log(
        `qr: ${String(size).padStart(6)} B ur     consecutive bc-ur parts (a coordinator's encoder): 0% loss ${framesUntilComplete(stream, 0, 1)} frames; ` +
          `20% loss ${mean(consecutive).toFixed(1)} frames (worst ${Math.max(...consecutive)}) ${ratio(mean(consecutive), formatLimit)}x, ch ${ratio(mean(consecutive), channelLimit)}x (target <= 1.3); ` +
          `bc-ur's own decoder on the same stream ${mean(peeling).toFixed(1)} frames ${ratio(mean(peeling), formatLimit)}x, ch ${ratio(mean(peeling), channelLimit)}x`,
      );
      console.log(
        `qr: ${String(size).padStart(6)} B ur     our frames read by bc-ur's decoder (as a coordinator reads them): ` +
          `20% loss ${mean(oursByCoordinator).toFixed(1)} frames (worst ${Math.max(...oursByCoordinator)}) ${ratio(mean(oursByCoordinator), formatLimit)}x, ch ${ratio(mean(oursByCoordinator), channelLimit)}x (target <= 1.3)`,
      );
      const cpu = (source: string[]) =>
        mean(
          Array.from({ length: 5 }, (_, seed) => cpuMs(() => framesUntilComplete(source, LOSS, seed + 1))),
        );
      console.log(
        `qr: ${String(size).padStart(6)} B ur     assembler CPU per transfer at 20% loss (parsing, fragment choice, elimination, CRC, CBOR): ` +
          `our frames ${cpu(frames).toFixed(0)} ms, consecutive bc-ur parts ${cpu(stream).toFixed(0)} ms`,
      );
    }
  }
}
