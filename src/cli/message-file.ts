import { badInput } from '../common/errors';
import type { CliContext } from './context';
import { readLimitedFile } from './inputs';

/** A signed message or proof commitment is a sentence or a page, never megabytes. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * The message of --message-file: its UTF-8 text, less one final line ending (editors add one, and
 * the signature must commit to the message as the person meant it, byte for byte otherwise).
 */
export function readMessageFile(ctx: CliContext, path: string | undefined): string {
  if (!path) throw badInput('BAD_ARGUMENTS', '--message-file FILE is required');
  const bytes = readLimitedFile(ctx, path, MAX_MESSAGE_BYTES, 'message file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw badInput('FILE_UNREADABLE', `the message file ${path} is not UTF-8 text`);
  }
  return text.replace(/\r?\n$/, '');
}

/** Satoshis as BTC with all eight decimals. */
export const formatBtc = (sats: bigint | number) => {
  const value = BigInt(sats);
  return `${value / 100_000_000n}.${(value % 100_000_000n).toString().padStart(8, '0')} BTC`;
};
