import { pbkdf2Sync } from 'node:crypto';
import { mnemonicToEntropy, wordlists } from 'bip39';
import { wipe } from '../common/bytes';
import { badInput } from '../common/errors';

const ENGLISH = wordlists.english as string[];
const ENGLISH_INDEX = new Map(ENGLISH.map((word, index) => [word, index]));
export const MNEMONIC_LENGTHS = [12, 15, 18, 21, 24] as const;

/** NFKD, lower case, single spaces: the form BIP-39 hashes. */
export function normaliseMnemonic(text: string): string {
  return text.normalize('NFKD').trim().toLowerCase().split(/\s+/).join(' ');
}

/**
 * Checks a BIP-39 English mnemonic and says what is wrong in one sentence. Errors name the position
 * of a bad word, never the word itself, since the words are the secret.
 */
export function checkMnemonic(text: string): string {
  const mnemonic = normaliseMnemonic(text);
  const words = mnemonic.length === 0 ? [] : mnemonic.split(' ');
  if (!(MNEMONIC_LENGTHS as readonly number[]).includes(words.length)) {
    throw badInput(
      'MNEMONIC_INVALID',
      `a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words; this one has ${words.length}`,
    );
  }
  const unknown = words.findIndex((word) => !ENGLISH_INDEX.has(word));
  if (unknown >= 0) {
    throw badInput(
      'MNEMONIC_INVALID',
      `word ${unknown + 1} of the mnemonic is not in the BIP-39 English list`,
    );
  }
  try {
    mnemonicToEntropy(mnemonic, ENGLISH);
  } catch {
    throw badInput(
      'MNEMONIC_INVALID',
      'the mnemonic checksum does not match; a word is wrong or out of order',
    );
  }
  return mnemonic;
}

/**
 * BIP-39 seed (64 bytes) of a checked mnemonic and optional passphrase. The caller wipes the result;
 * the encoded copies made here are wiped before returning (JS strings themselves cannot be wiped).
 */
export function mnemonicToSeed({
  mnemonic,
  passphrase = '',
}: {
  mnemonic: string;
  passphrase?: string;
}): Uint8Array {
  const normalised = checkMnemonic(mnemonic);
  const password = new TextEncoder().encode(normalised);
  const salt = new TextEncoder().encode(`mnemonic${passphrase.normalize('NFKD')}`);
  // Node's native PBKDF2 (as slip39.ts uses): a JavaScript one took most of a one-input CLI sign.
  const derived = pbkdf2Sync(password, salt, 2048, 64, 'sha512');
  try {
    return Uint8Array.from(derived);
  } finally {
    wipe(password, salt, derived);
  }
}
