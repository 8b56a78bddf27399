import { badInput } from '../common/errors';
import { SLIP39_WORDLIST } from './slip39-wordlist';

/** One decoded SLIP-39 share (a mnemonic of 20 or 33 words). Holds secret material: wipe `value`. */
export interface Slip39Share {
  identifier: number;
  extendable: boolean;
  iterationExponent: number;
  groupIndex: number;
  groupThreshold: number;
  groupCount: number;
  memberIndex: number;
  memberThreshold: number;
  value: Uint8Array;
}

const RADIX_BITS = 10;
const ID_EXP_WORDS = 2;
const CHECKSUM_WORDS = 3;
const METADATA_WORDS = ID_EXP_WORDS + 2 + CHECKSUM_WORDS;
/** 128-bit secrets make the shortest share: 20 words. */
export const MIN_SHARE_WORDS = 20;
const MAX_SHARE_WORDS = 60;

const WORD_INDEX = new Map(SLIP39_WORDLIST.map((word, index) => [word, index]));

function customization(extendable: boolean): number[] {
  return [...(extendable ? 'shamir_extendable' : 'shamir')].map((c) => c.charCodeAt(0));
}

function rs1024Polymod(values: readonly number[]): number {
  const GEN = [
    0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48, 0x21b1f890,
    0x3f3f120,
  ];
  let chk = 1;
  for (const v of values) {
    const b = chk >> 20;
    chk = ((chk & 0xfffff) << 10) ^ v;
    for (let i = 0; i < 10; i++) if ((b >> i) & 1) chk ^= GEN[i] as number;
  }
  return chk;
}

function checksumWords(data: readonly number[], extendable: boolean): number[] {
  const polymod = rs1024Polymod([...customization(extendable), ...data, 0, 0, 0]) ^ 1;
  return [2, 1, 0].map((i) => (polymod >> (RADIX_BITS * i)) & 1023);
}

function checksumValid(indices: readonly number[], extendable: boolean): boolean {
  return rs1024Polymod([...customization(extendable), ...indices]) === 1;
}

/** Splits typed text into lowercase words; unknown words are reported by position, never echoed. */
export function shareWordIndices(text: string): number[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length < MIN_SHARE_WORDS || words.length > MAX_SHARE_WORDS) {
    throw badInput('SHARE_INVALID', `a SLIP-39 share has 20 or 33 words; this one has ${words.length}`);
  }
  return words.map((word, position) => {
    const index = WORD_INDEX.get(word);
    if (index === undefined) {
      throw badInput('SHARE_INVALID', `word ${position + 1} of the share is not in the SLIP-39 word list`);
    }
    return index;
  });
}

/** SLIP-39 words are unique in their first four letters: the letters' codes, packed, name the word. */
const PREFIX_INDEX = new Map(
  SLIP39_WORDLIST.map((word, index) => [prefixKey([...word].map((c) => c.charCodeAt(0))), index]),
);

function prefixKey(codes: ArrayLike<number>): number {
  let key = 0;
  for (let i = 0; i < 4; i++) key = key * 128 + ((codes[i] ?? 0) & 0x7f);
  return key;
}

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/**
 * A share's words straight from the bytes of a share file (ASCII, any whitespace between words) to
 * word indices, so no string ever holds the share. The caller wipes both arrays.
 */
export function shareIndicesFromBytes(bytes: Uint8Array): Uint16Array {
  const indices = new Uint16Array(MAX_SHARE_WORDS);
  const word = new Uint8Array(9);
  let count = 0;
  let length = 0;
  try {
    for (let i = 0; i <= bytes.length; i++) {
      const c = i < bytes.length ? (bytes[i] as number) : 0x20;
      if (isLetter(c)) {
        if (length === word.length)
          throw badInput('SHARE_INVALID', `word ${count + 1} of the share is too long`);
        word[length++] = c | 0x20;
        continue;
      }
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        throw badInput('SHARE_INVALID', 'a share file holds only the words of one share');
      }
      if (length === 0) continue;
      const index = PREFIX_INDEX.get(prefixKey(word.subarray(0, length)));
      const listed = index === undefined ? '' : (SLIP39_WORDLIST[index] as string);
      const same = listed.length === length && [...listed].every((ch, j) => ch.charCodeAt(0) === word[j]);
      if (index === undefined || !same) {
        throw badInput('SHARE_INVALID', `word ${count + 1} of the share is not in the SLIP-39 word list`);
      }
      if (count === MAX_SHARE_WORDS) throw badInput('SHARE_INVALID', 'a SLIP-39 share has 20 or 33 words');
      indices[count++] = index;
      length = 0;
    }
    if (count < MIN_SHARE_WORDS) {
      throw badInput('SHARE_INVALID', `a SLIP-39 share has 20 or 33 words; this one has ${count}`);
    }
    return indices.slice(0, count);
  } finally {
    word.fill(0);
    indices.fill(0);
  }
}

/** Decodes and checks one share given as word indices (wiped by the caller). */
export function decodeShareIndices(indices: Uint16Array): Slip39Share {
  const copy = Array.from(indices);
  try {
    return decodeIndices(copy);
  } finally {
    copy.fill(0);
  }
}

/** Decodes and checks one share: word list, RS1024 checksum, padding, thresholds. */
export function decodeShare(text: string): Slip39Share {
  const indices = shareWordIndices(text);
  try {
    return decodeIndices(indices);
  } finally {
    indices.fill(0);
  }
}

function decodeIndices(indices: number[]): Slip39Share {
  const paddingBits = (RADIX_BITS * (indices.length - METADATA_WORDS)) % 16;
  if (paddingBits > 8)
    throw badInput('SHARE_INVALID', `a share of ${indices.length} words has an invalid length`);
  const idExp = ((indices[0] as number) << 10) | (indices[1] as number);
  const identifier = idExp >> 5;
  const extendable = ((idExp >> 4) & 1) === 1;
  const iterationExponent = idExp & 0xf;
  if (!checksumValid(indices, extendable)) {
    throw badInput('SHARE_CHECKSUM', 'the share checksum is wrong: a word was mistyped or is missing');
  }
  const params = ((indices[2] as number) << 10) | (indices[3] as number);
  const groupIndex = (params >> 16) & 0xf;
  const groupThreshold = ((params >> 12) & 0xf) + 1;
  const groupCount = ((params >> 8) & 0xf) + 1;
  const memberIndex = (params >> 4) & 0xf;
  const memberThreshold = (params & 0xf) + 1;
  if (groupThreshold > groupCount) {
    throw badInput('SHARE_INVALID', 'the share says more groups are needed than exist');
  }
  const value = unpackValue(indices.slice(ID_EXP_WORDS + 2, indices.length - CHECKSUM_WORDS), paddingBits);
  return {
    identifier,
    extendable,
    iterationExponent,
    groupIndex,
    groupThreshold,
    groupCount,
    memberIndex,
    memberThreshold,
    value,
  };
}

/**
 * The share value from its 10-bit words, bit by bit into a wipeable buffer (a BigInt could not be
 * wiped); the leading `paddingBits` must be zero.
 */
function unpackValue(words: number[], paddingBits: number): Uint8Array {
  const value = new Uint8Array((RADIX_BITS * words.length - paddingBits) / 8);
  for (let position = 0; position < RADIX_BITS * words.length; position++) {
    const bit = ((words[Math.floor(position / RADIX_BITS)] as number) >> (9 - (position % RADIX_BITS))) & 1;
    const offset = position - paddingBits;
    if (offset < 0) {
      if (bit) {
        words.fill(0);
        value.fill(0);
        throw badInput('SHARE_INVALID', 'the share has invalid padding');
      }
      continue;
    }
    value[offset >> 3] = (value[offset >> 3] as number) | (bit << (7 - (offset & 7)));
  }
  words.fill(0);
  return value;
}

/** The share value as 10-bit words, left-padded with zero bits. */
function packValue(value: Uint8Array): number[] {
  const words = new Array<number>(Math.ceil((value.length * 8) / RADIX_BITS)).fill(0);
  const paddingBits = words.length * RADIX_BITS - value.length * 8;
  for (let offset = 0; offset < value.length * 8; offset++) {
    const bit = ((value[offset >> 3] as number) >> (7 - (offset & 7))) & 1;
    const position = offset + paddingBits;
    const word = Math.floor(position / RADIX_BITS);
    words[word] = (words[word] as number) | (bit << (9 - (position % RADIX_BITS)));
  }
  return words;
}

/** Encodes one share as its mnemonic words. */
export function encodeShare(share: Slip39Share): string {
  const idExp = (share.identifier << 5) | ((share.extendable ? 1 : 0) << 4) | share.iterationExponent;
  const params =
    (share.groupIndex << 16) |
    ((share.groupThreshold - 1) << 12) |
    ((share.groupCount - 1) << 8) |
    (share.memberIndex << 4) |
    (share.memberThreshold - 1);
  const valueWords = packValue(share.value);
  const data = [idExp >> 10, idExp & 1023, params >> 10, params & 1023, ...valueWords];
  const all = [...data, ...checksumWords(data, share.extendable)];
  const words = all.map((i) => SLIP39_WORDLIST[i]).join(' ');
  for (const indices of [valueWords, data, all]) indices.fill(0);
  return words;
}

/** True when `word` is on the SLIP-39 list, so a typed word can be marked as it is entered. */
export function isShareWord(word: string): boolean {
  return WORD_INDEX.has(word.trim().toLowerCase());
}

/** Words of the SLIP-39 list starting with `prefix` (every word is unique in its first four letters). */
export function completeShareWord(prefix: string): string[] {
  const p = prefix.trim().toLowerCase();
  if (p.length === 0) return [];
  return SLIP39_WORDLIST.filter((w) => w.startsWith(p));
}
