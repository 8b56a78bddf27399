import { wipe } from '../common/bytes';
import { badInput } from '../common/errors';
import { mnemonicToSeed } from '../keys/bip39';
import { combineDecodedShares } from '../keys/slip39';
import { decodeShareIndices, type Slip39Share, shareIndicesFromBytes } from '../keys/slip39-share';
import type { CliContext } from './context';
import { readLimitedFile, readSecretTextFile } from './inputs';

/** Options every key-using command accepts (sign, xpub export); the SLIP-39 source adds --share-file. */
export const KEY_SOURCE_OPTIONS = {
  'mnemonic-file': { type: 'string' },
  'passphrase-file': { type: 'string' },
  'share-file': { type: 'string', multiple: true },
} as const;

export interface KeySourceValues {
  'mnemonic-file'?: string;
  'passphrase-file'?: string;
  'share-file'?: string[];
}

/** A passphrase file's content without its final line break (other whitespace is part of the passphrase). */
function passphraseFrom(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * The BIP-32 seed of the signing key, from the key source the options name. The caller wipes it.
 */
export async function loadSigningSeed(values: KeySourceValues, ctx: CliContext): Promise<Uint8Array> {
  const mnemonicFile = values['mnemonic-file'];
  const shareFiles = values['share-file'] ?? [];
  if (mnemonicFile && shareFiles.length > 0) {
    throw badInput('BAD_ARGUMENTS', 'give either --mnemonic-file or --share-file, not both');
  }
  if (!mnemonicFile && shareFiles.length === 0) {
    throw badInput('BAD_ARGUMENTS', 'a key is required: give --mnemonic-file FILE or --share-file FILE ...');
  }
  const passphraseFile = values['passphrase-file'];
  const passphrase = passphraseFile
    ? passphraseFrom(readSecretTextFile(ctx, passphraseFile, 'passphrase file'))
    : '';
  if (shareFiles.length > 0) {
    // A SLIP-39 master secret is the BIP-32 seed itself, as in Trezor and Electrum.
    const shares: Slip39Share[] = [];
    try {
      for (const file of shareFiles) shares.push(readShareFile(ctx, file));
      return combineDecodedShares(shares, passphrase);
    } finally {
      wipe(...shares.map((s) => s.value));
    }
  }
  const mnemonic = readSecretTextFile(ctx, mnemonicFile as string, 'mnemonic file');
  return mnemonicToSeed({ mnemonic, passphrase });
}

/** One share file, read as bytes into word indices and decoded: no string of the share is made. */
export function readShareFile(ctx: CliContext, file: string): Slip39Share {
  const bytes = readLimitedFile(ctx, file, 4096, 'share file');
  let indices: Uint16Array | undefined;
  try {
    indices = shareIndicesFromBytes(bytes);
    return decodeShareIndices(indices);
  } finally {
    wipe(bytes);
    indices?.fill(0);
  }
}
