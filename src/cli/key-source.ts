import { badInput } from '../common/errors';
import { mnemonicToSeed } from '../keys/bip39';
import type { CliContext } from './context';
import { readSecretTextFile } from './inputs';

/** Options every key-using command accepts (sign, xpub export); the SLIP-39 source adds --share-file. */
export const KEY_SOURCE_OPTIONS = {
  'mnemonic-file': { type: 'string' },
  'passphrase-file': { type: 'string' },
} as const;

export interface KeySourceValues {
  'mnemonic-file'?: string;
  'passphrase-file'?: string;
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
  if (!mnemonicFile) throw badInput('BAD_ARGUMENTS', 'a key is required: give --mnemonic-file FILE');
  const mnemonic = readSecretTextFile(ctx, mnemonicFile, 'mnemonic file');
  const passphraseFile = values['passphrase-file'];
  const passphrase = passphraseFile
    ? passphraseFrom(readSecretTextFile(ctx, passphraseFile, 'passphrase file'))
    : '';
  return mnemonicToSeed({ mnemonic, passphrase });
}
