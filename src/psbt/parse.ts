import { sha256 } from '@noble/hashes/sha2.js';
import { Psbt, Transaction } from 'bitcoinjs-lib';
import { toHex } from '../common/bytes';
import '../common/ecc';
import { AirlockError, badInput } from '../common/errors';
import { keyType, type RawKeyValue, RawPsbtReader, writeRawPsbt } from './raw-map';
import {
  convertV2ToV0,
  GLOBAL_UNSIGNED_TX,
  GLOBAL_VERSION,
  readV2Maps,
  V2_ONLY_GLOBAL_TYPES,
  V2_ONLY_INPUT_TYPES,
  V2_ONLY_OUTPUT_TYPES,
} from './v2';

/** Largest PSBT accepted, decoded; far above any standard transaction with its previous transactions. */
export const MAX_PSBT_BYTES = 4 * 1024 * 1024;
const MAGIC_TEXT = 'psbt\xff';

const malformed = (why: string) => badInput('PSBT_INVALID', `the PSBT is malformed: ${why}`);
const tooLarge = () =>
  badInput('PSBT_TOO_LARGE', `the PSBT is larger than the ${MAX_PSBT_BYTES / 1024 / 1024} MB limit`);

function startsWithMagic(bytes: Uint8Array): boolean {
  for (let i = 0; i < MAGIC_TEXT.length; i++) if (bytes[i] !== MAGIC_TEXT.charCodeAt(i)) return false;
  return bytes.length >= MAGIC_TEXT.length;
}

/** Binary, base64 or hex (surrounding whitespace and line breaks ignored) to PSBT bytes. */
export function decodePsbtBytes(input: Uint8Array | string): Uint8Array {
  // Text forms are at most twice the binary size (hex); refuse before decoding anything bigger.
  if (input.length > MAX_PSBT_BYTES * 2 + 1024) throw tooLarge();
  if (typeof input !== 'string' && startsWithMagic(input)) {
    if (input.length > MAX_PSBT_BYTES) throw tooLarge();
    return input;
  }
  // Whitespace (line-wrapped base64) and a UTF-8 byte-order mark are ignored.
  const text = (typeof input === 'string' ? input : Buffer.from(input).toString('utf8')).replace(
    /[\s\uFEFF]+/g,
    '',
  );
  if (text.length === 0) throw badInput('PSBT_INVALID', 'the PSBT is empty');
  let bytes: Uint8Array;
  if (/^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0) {
    bytes = new Uint8Array(Buffer.from(text, 'hex'));
  } else if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) {
    bytes = new Uint8Array(Buffer.from(text, 'base64'));
  } else {
    throw badInput('PSBT_INVALID', 'the PSBT is neither binary, base64 nor hex');
  }
  if (bytes.length > MAX_PSBT_BYTES) throw tooLarge();
  if (!startsWithMagic(bytes)) throw malformed('it does not start with the PSBT magic bytes');
  return bytes;
}

function versionOf(global: RawKeyValue[]): number {
  const entry = global.find((kv) => keyType(kv.key) === GLOBAL_VERSION);
  if (!entry) return 0;
  if (entry.key.length !== 1 || entry.value.length !== 4) throw malformed('the version field is not 4 bytes');
  return Buffer.from(entry.value).readUInt32LE(0);
}

/**
 * Whether the unsigned transaction, read without witnesses as BIP-174 requires, has no inputs (BIP-174
 * lists such PSBTs as valid). Its zero input count looks like a segwit marker to a transaction parser, so
 * it is read here: version, 0 inputs, outputs, locktime, and nothing after.
 */
function spendsNothing(unsignedTx: Uint8Array): boolean {
  if (unsignedTx[4] !== 0) return false;
  let at = 5;
  const compactSize = (): number => {
    const first = unsignedTx[at++] ?? 0xff;
    if (first < 0xfd) return first;
    // Counts and script lengths this large cannot fit in a PSBT of MAX_PSBT_BYTES anyway.
    return Number.POSITIVE_INFINITY;
  };
  const outputs = compactSize();
  for (let i = 0; i < outputs && at <= unsignedTx.length; i++) {
    at += 8;
    const scriptLength = compactSize();
    at += scriptLength;
  }
  return at + 4 === unsignedTx.length;
}

/** The v0 unsigned transaction, with inputs spending the same coin twice rejected. */
function readUnsignedTx(unsignedTx: Uint8Array): Transaction {
  if (spendsNothing(unsignedTx)) {
    throw badInput('PSBT_NO_INPUTS', 'the PSBT spends no coins: there is nothing to review');
  }
  let tx: Transaction;
  try {
    tx = Transaction.fromBuffer(unsignedTx);
  } catch {
    throw malformed('its unsigned transaction is unreadable');
  }
  const seen = new Set<string>();
  for (const [i, input] of tx.ins.entries()) {
    const outpoint = `${toHex(input.hash)}:${input.index}`;
    if (seen.has(outpoint)) {
      throw badInput('DUPLICATE_INPUT', `input ${i + 1} spends the same coin as an earlier input`);
    }
    seen.add(outpoint);
  }
  return tx;
}

/** PSBT v0 must not carry the fields BIP-370 reserves for v2. */
function rejectV2Fields(psbt: Psbt): void {
  const has = (vals: Array<{ key: Uint8Array }> | undefined, types: Set<number>) =>
    (vals ?? []).some((kv) => types.has(keyType(kv.key)));
  if (has(psbt.data.globalMap.unknownKeyVals, V2_ONLY_GLOBAL_TYPES))
    throw malformed('a v0 PSBT has v2 global fields');
  if (psbt.data.inputs.some((input) => has(input.unknownKeyVals, V2_ONLY_INPUT_TYPES)))
    throw malformed('a v0 PSBT has v2 input fields');
  if (psbt.data.outputs.some((output) => has(output.unknownKeyVals, V2_ONLY_OUTPUT_TYPES)))
    throw malformed('a v0 PSBT has v2 output fields');
}

/** Parses v0 PSBT bytes with bitcoinjs-lib, turning its exceptions into typed bad input. */
function parseV0(bytes: Uint8Array): Psbt {
  const reader = new RawPsbtReader(bytes);
  const global = reader.readMap('global map');
  const version = versionOf(global);
  if (version !== 0) throw malformed(`PSBT version ${version} is not supported`);
  const unsigned = global.find((kv) => keyType(kv.key) === GLOBAL_UNSIGNED_TX);
  if (unsigned?.key.length !== 1) throw malformed('it has no unsigned transaction');
  const tx = readUnsignedTx(unsigned.value);
  // One map per input and output, and nothing after them (bitcoinjs-lib ignores trailing bytes).
  for (let i = 0; i < tx.ins.length; i++) reader.readMap(`input ${i}`);
  for (let i = 0; i < tx.outs.length; i++) reader.readMap(`output ${i}`);
  reader.expectEnd();
  let psbt: Psbt;
  try {
    psbt = Psbt.fromBuffer(bytes);
  } catch {
    // The library's messages are not written for users; the checks above name most faults already.
    throw malformed('a field of an input or output is invalid');
  }
  rejectV2Fields(psbt);
  return psbt;
}

/**
 * Parses a PSBT given as binary, base64 or hex. BIP-370 (v2) PSBTs are converted to v0, so the result
 * is always a v0 bitcoinjs-lib Psbt. Every failure is bad input (PSBT_INVALID, PSBT_TOO_LARGE, DUPLICATE_INPUT,
 * PSBT_NO_INPUTS), in a sentence of ours: no library's message reaches the user.
 */
export function parsePsbt(input: Uint8Array | string): Psbt {
  try {
    const bytes = decodePsbtBytes(input);
    const reader = new RawPsbtReader(bytes);
    const global = reader.readMap('global map');
    if (versionOf(global) === 2) return parseV0(writeRawPsbt(convertV2ToV0(readV2Maps(reader, global))));
    return parseV0(bytes);
  } catch (error) {
    if (error instanceof AirlockError) throw error;
    throw malformed('it could not be read');
  }
}

/** SHA-256 (hex) of the canonical v0 serialization: the same PSBT hashes the same whatever its encoding. */
export function psbtHash(psbt: Psbt | Uint8Array): string {
  return toHex(sha256(psbt instanceof Uint8Array ? psbt : psbt.toBuffer()));
}
