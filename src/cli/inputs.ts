import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Psbt } from 'bitcoinjs-lib';
import { wipe } from '../common/bytes';
import { badInput } from '../common/errors';
import { writeFileAtomic } from '../common/storage';
import { MAX_PSBT_BYTES, parsePsbt } from '../psbt/parse';
import type { CliContext } from './context';

/** Text PSBTs (hex) are up to twice the binary limit; anything bigger is refused before reading. */
const MAX_PSBT_FILE_BYTES = MAX_PSBT_BYTES * 2 + 1024;
/** A mnemonic or passphrase file is a few hundred bytes; a bigger one is the wrong file. */
const MAX_SECRET_FILE_BYTES = 4096;

export function resolvePath(ctx: CliContext, path: string): string {
  return resolve(ctx.io.cwd, path);
}

export function readLimitedFile(ctx: CliContext, path: string, limit: number, what: string): Uint8Array {
  const full = resolvePath(ctx, path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw badInput('FILE_UNREADABLE', `cannot read ${what} at ${path}`);
  }
  if (size > limit) {
    throw badInput(what === 'PSBT' ? 'PSBT_TOO_LARGE' : 'FILE_TOO_LARGE', `${what} at ${path} is too large`);
  }
  try {
    return new Uint8Array(readFileSync(full));
  } catch {
    throw badInput('FILE_UNREADABLE', `cannot read ${what} at ${path}`);
  }
}

export interface LoadedPsbt {
  psbt: Psbt;
  /** The bytes as given (file or standard input), for the record. */
  source: string;
}

/** `<PSBT>`: a path, or `-` for standard input; binary, base64 or hex. */
export async function readPsbtArgument(ctx: CliContext, arg: string | undefined): Promise<LoadedPsbt> {
  if (!arg) throw badInput('BAD_ARGUMENTS', 'a PSBT (a file path, or - for standard input) is required');
  let bytes: Uint8Array;
  if (arg === '-') {
    bytes = await ctx.io.readStdin();
    if (bytes.length > MAX_PSBT_FILE_BYTES)
      throw badInput('PSBT_TOO_LARGE', 'the PSBT on standard input is too large');
  } else {
    bytes = readLimitedFile(ctx, arg, MAX_PSBT_FILE_BYTES, 'PSBT');
  }
  return { psbt: parsePsbt(bytes), source: arg === '-' ? 'standard input' : arg };
}

/**
 * A secret text file (mnemonic, passphrase). The file bytes are wiped once decoded; the returned
 * string cannot be wiped in JavaScript, so callers keep it short-lived.
 */
export function readSecretTextFile(ctx: CliContext, path: string, what: string): string {
  const bytes = readLimitedFile(ctx, path, MAX_SECRET_FILE_BYTES, what);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput('FILE_UNREADABLE', `${what} at ${path} is not UTF-8 text`);
  } finally {
    wipe(bytes);
  }
}

/** Writes a command's result to --out (atomically) or standard output. */
export function writeResult(ctx: CliContext, text: string, out: string | undefined): void {
  if (out) writeFileAtomic(resolvePath(ctx, out), `${text}\n`);
  else ctx.io.stdout.write(`${text}\n`);
}

/** The input file is never modified: refuse an --out that names it. */
export function checkOutNotInput(
  ctx: CliContext,
  out: string | undefined,
  inputs: Array<string | undefined>,
): void {
  if (!out) return;
  const target = resolvePath(ctx, out);
  if (inputs.some((input) => input && input !== '-' && resolvePath(ctx, input) === target)) {
    throw badInput('BAD_ARGUMENTS', '--out must not be an input file; inputs are never modified');
  }
}
