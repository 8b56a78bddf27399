import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { badInput } from '../../common/errors';
import { decodePsbtBytes } from '../../psbt/parse';
import { createAssembler } from '../../qr/assembler';
import { commonQrVersion, DENSITIES, encodeFrames, OUTPUT_FORMATS, renderFramePng } from '../../qr/encoder';
import type { AssemblerUpdate, QrPayload } from '../../qr/types';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';
import { readLimitedFile, resolvePath } from '../inputs';

const USAGE = [
  'airlock qr encode <FILE|-> [--format ur|bbqr|base64] [--density low|medium|high] [--max-fragment-len N] [--png-dir DIR]',
  '       airlock qr decode [--png IMG ...] [FILE|-]',
].join('\n');

const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MAX_PNG_BYTES = 32 * 1024 * 1024;

const EncodeSchema = z.object({
  format: z.enum(OUTPUT_FORMATS).default('ur'),
  density: z.enum(DENSITIES).default('medium'),
  'max-fragment-len': z.coerce.number().int().min(10).max(4000).optional(),
});

async function readInput(ctx: CliContext, arg: string | undefined, what: string): Promise<Uint8Array> {
  if (!arg || arg === '-') {
    const bytes = await ctx.io.readStdin();
    if (bytes.length > MAX_INPUT_BYTES)
      throw badInput('FILE_TOO_LARGE', `${what} on standard input is too large`);
    return bytes;
  }
  return readLimitedFile(ctx, arg, MAX_INPUT_BYTES, what);
}

async function encode(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      format: { type: 'string' },
      density: { type: 'string' },
      'max-fragment-len': { type: 'string' },
      'png-dir': { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give one PSBT file (or -). Usage: ${USAGE}`);
  const parsed = EncodeSchema.safeParse(values);
  if (!parsed.success)
    throw badInput(
      'BAD_ARGUMENTS',
      `--${String(parsed.error.issues[0]?.path[0])} is invalid. Usage: ${USAGE}`,
    );
  const bytes = decodePsbtBytes(await readInput(ctx, positionals[0], 'PSBT'));
  const frames = encodeFrames({
    bytes,
    format: parsed.data.format,
    density: parsed.data.density,
    maxFragmentLength: parsed.data['max-fragment-len'],
  });
  const pngDir = values['png-dir'];
  if (!pngDir) {
    ctx.io.stdout.write(`${frames.join('\n')}\n`);
    return;
  }
  const dir = resolvePath(ctx, pngDir);
  mkdirSync(dir, { recursive: true });
  const version = commonQrVersion(frames);
  const width = String(frames.length).length;
  for (const [i, frame] of frames.entries()) {
    writeFileSync(
      join(dir, `frame-${String(i + 1).padStart(width, '0')}.png`),
      await renderFramePng(frame, { version }),
    );
  }
  ctx.io.stderr.write(`${frames.length} frames at QR version ${version} written to ${pngDir}\n`);
}

function decodePng(ctx: CliContext, path: string): string {
  const bytes = readLimitedFile(ctx, path, MAX_PNG_BYTES, 'PNG image');
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(bytes));
  } catch {
    throw badInput('IMAGE_INVALID', `${path} is not a PNG image`);
  }
  const code = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  if (!code) throw badInput('QR_NOT_FOUND', `no QR code was found in ${path}`);
  return code.data;
}

function printable(payload: QrPayload): string {
  switch (payload.kind) {
    case 'psbt':
      return Buffer.from(payload.bytes).toString('base64');
    case 'json':
    case 'text':
      return new TextDecoder().decode(payload.bytes);
    default:
      return Buffer.from(payload.bytes).toString('hex');
  }
}

async function decode(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { png: { type: 'string', multiple: true } }, USAGE);
  const pngs = values.png ?? [];
  if (positionals.length > 1 || (pngs.length > 0 && positionals.length > 0)) {
    throw badInput('BAD_ARGUMENTS', `give PNG images or one file of payloads, not both. Usage: ${USAGE}`);
  }
  const frames =
    pngs.length > 0
      ? pngs.map((p) => decodePng(ctx, p))
      : new TextDecoder()
          .decode(await readInput(ctx, positionals[0], 'QR payload file'))
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
  const assembler = createAssembler();
  let last: AssemblerUpdate | undefined;
  let rejected = 0;
  for (const frame of frames) {
    last = assembler.receive(frame);
    if (last.status === 'complete') break;
    if (last.status === 'failed')
      throw badInput(last.code ?? 'QR_CORRUPT', last.message ?? 'the QR payload is damaged');
    if (last.status === 'rejected') {
      rejected += 1;
      ctx.io.stderr.write(`skipped a frame: ${last.message}\n`);
    }
  }
  if (last?.code === 'QR_PARTS_UNVERIFIED') {
    // Every part arrived but no set of copies decodes: a frame was read damaged and never read again.
    throw badInput('QR_CORRUPT', `the QR payload could not be assembled: ${last.message}`);
  }
  if (last?.status !== 'complete' || !last.payload) {
    const seen = last ? `${last.partsSeen} of ${last.partsNeeded ?? '?'} parts` : 'no frame';
    const why = rejected === frames.length ? 'no frame could be used' : `incomplete: ${seen} received`;
    throw badInput('QR_INCOMPLETE', `the QR payload could not be assembled (${why})`);
  }
  const payload = last.payload;
  if (last.message) ctx.io.stderr.write(`note: ${last.message}\n`);
  ctx.io.stdout.write(
    ctx.json
      ? `${JSON.stringify({ format: last.format, kind: payload.kind, urType: payload.urType ?? null, data: printable(payload) })}\n`
      : `${printable(payload)}\n`,
  );
}

export const qrCommand: CliCommand = {
  name: 'qr',
  summary: 'encode a PSBT as QR frames (UR, BBQr, base64) or assemble scanned frames',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'encode') return encode(rest, ctx);
    if (sub === 'decode') return decode(rest, ctx);
    throw badInput('BAD_ARGUMENTS', `unknown qr subcommand. Usage: ${USAGE}`);
  },
};
