import { Transaction } from 'bitcoinjs-lib';
import { badInput } from '../common/errors';
import { keyType, type RawKeyValue, type RawPsbt, RawPsbtReader } from './raw-map';

/** BIP-370 key types. */
export const V2_GLOBAL = {
  TX_VERSION: 0x02,
  FALLBACK_LOCKTIME: 0x03,
  INPUT_COUNT: 0x04,
  OUTPUT_COUNT: 0x05,
  TX_MODIFIABLE: 0x06,
};
export const V2_INPUT = {
  PREVIOUS_TXID: 0x0e,
  OUTPUT_INDEX: 0x0f,
  SEQUENCE: 0x10,
  REQUIRED_TIME_LOCKTIME: 0x11,
  REQUIRED_HEIGHT_LOCKTIME: 0x12,
};
export const V2_OUTPUT = { AMOUNT: 0x03, SCRIPT: 0x04 };
export const GLOBAL_UNSIGNED_TX = 0x00;
export const GLOBAL_VERSION = 0xfb;

export const V2_ONLY_GLOBAL_TYPES = new Set(Object.values(V2_GLOBAL));
export const V2_ONLY_INPUT_TYPES = new Set(Object.values(V2_INPUT));
export const V2_ONLY_OUTPUT_TYPES = new Set(Object.values(V2_OUTPUT));

const LOCKTIME_THRESHOLD = 500_000_000;

const invalid = (why: string) => badInput('PSBT_INVALID', `the PSBT v2 is malformed: ${why}`);

function find(map: RawKeyValue[], type: number): RawKeyValue | undefined {
  return map.find((kv) => keyType(kv.key) === type);
}

function fixedValue(map: RawKeyValue[], type: number, length: number, what: string): Uint8Array | undefined {
  const entry = find(map, type);
  if (!entry) return undefined;
  if (entry.key.length !== 1) throw invalid(`the ${what} key has extra key data`);
  if (entry.value.length !== length) throw invalid(`the ${what} is not ${length} bytes`);
  return entry.value;
}

const u32 = (bytes: Uint8Array) => Buffer.from(bytes).readUInt32LE(0);

function countValue(map: RawKeyValue[], type: number, what: string): number {
  const entry = find(map, type);
  if (!entry) throw invalid(`the ${what} is missing`);
  const reader = new RawPsbtReader(Uint8Array.of(0x70, 0x73, 0x62, 0x74, 0xff, ...entry.value));
  return reader.readCompactSize();
}

/** BIP-370 locktime determination: the lock type every input accepts, its largest value. */
export function determineLocktime(global: RawKeyValue[], inputs: RawKeyValue[][]): number {
  const fallback = fixedValue(global, V2_GLOBAL.FALLBACK_LOCKTIME, 4, 'fallback locktime');
  let anyLock = false;
  let heightOk = true;
  let timeOk = true;
  let maxHeight = 0;
  let maxTime = 0;
  for (const [i, input] of inputs.entries()) {
    const time = fixedValue(input, V2_INPUT.REQUIRED_TIME_LOCKTIME, 4, `input ${i} time locktime`);
    const height = fixedValue(input, V2_INPUT.REQUIRED_HEIGHT_LOCKTIME, 4, `input ${i} height locktime`);
    if (time) {
      const value = u32(time);
      if (value < LOCKTIME_THRESHOLD) throw invalid(`input ${i} has a time locktime below 500000000`);
      maxTime = Math.max(maxTime, value);
    }
    if (height) {
      const value = u32(height);
      if (value === 0 || value >= LOCKTIME_THRESHOLD)
        throw invalid(`input ${i} has a height locktime outside 1..499999999`);
      maxHeight = Math.max(maxHeight, value);
    }
    if (time || height) {
      anyLock = true;
      if (!time) timeOk = false;
      if (!height) heightOk = false;
    }
  }
  if (!anyLock) return fallback ? u32(fallback) : 0;
  if (heightOk) return maxHeight;
  if (timeOk) return maxTime;
  throw invalid(
    'its inputs require both a block-height and a time locktime, which no transaction can satisfy',
  );
}

/** Splits a BIP-370 PSBT into maps (the global map is read already by the caller's reader). */
export function readV2Maps(reader: RawPsbtReader, global: RawKeyValue[]): RawPsbt {
  if (find(global, GLOBAL_UNSIGNED_TX)) throw invalid('it carries a v0 unsigned transaction');
  const inputCount = countValue(global, V2_GLOBAL.INPUT_COUNT, 'input count');
  const outputCount = countValue(global, V2_GLOBAL.OUTPUT_COUNT, 'output count');
  const inputs = Array.from({ length: inputCount }, (_, i) => reader.readMap(`input ${i}`));
  const outputs = Array.from({ length: outputCount }, (_, i) => reader.readMap(`output ${i}`));
  reader.expectEnd();
  return { global, inputs, outputs };
}

/**
 * Converts a BIP-370 PSBT to the v0 layout (an unsigned transaction in the global map, the v2-only
 * fields dropped) so one reviewer and signer serve both versions.
 */
export function convertV2ToV0(v2: RawPsbt): RawPsbt {
  const txVersionBytes = fixedValue(v2.global, V2_GLOBAL.TX_VERSION, 4, 'transaction version');
  if (!txVersionBytes) throw invalid('the transaction version is missing');
  const txVersion = Buffer.from(txVersionBytes).readInt32LE(0);
  if (txVersion < 2) throw invalid('the transaction version must be 2 or more');
  const tx = new Transaction();
  tx.version = txVersion;
  tx.locktime = determineLocktime(v2.global, v2.inputs);
  for (const [i, input] of v2.inputs.entries()) {
    const txid = fixedValue(input, V2_INPUT.PREVIOUS_TXID, 32, `input ${i} previous txid`);
    const vout = fixedValue(input, V2_INPUT.OUTPUT_INDEX, 4, `input ${i} output index`);
    if (!txid) throw invalid(`input ${i} has no previous txid`);
    if (!vout) throw invalid(`input ${i} has no output index`);
    const sequence = fixedValue(input, V2_INPUT.SEQUENCE, 4, `input ${i} sequence`);
    tx.addInput(Uint8Array.from(txid), u32(vout), sequence ? u32(sequence) : 0xffffffff);
  }
  for (const [i, output] of v2.outputs.entries()) {
    const amount = fixedValue(output, V2_OUTPUT.AMOUNT, 8, `output ${i} amount`);
    const script = find(output, V2_OUTPUT.SCRIPT);
    if (!amount) throw invalid(`output ${i} has no amount`);
    if (script?.key.length !== 1) throw invalid(`output ${i} has no script`);
    const value = Buffer.from(amount).readBigInt64LE(0);
    if (value < 0n) throw invalid(`output ${i} has a negative amount`);
    tx.addOutput(Uint8Array.from(script.value), value);
  }
  const keep = (types: Set<number>) => (kv: RawKeyValue) => !types.has(keyType(kv.key));
  const globalTypesDropped = new Set([...V2_ONLY_GLOBAL_TYPES, GLOBAL_VERSION]);
  return {
    global: [
      { key: Uint8Array.of(GLOBAL_UNSIGNED_TX), value: tx.toBuffer() },
      ...v2.global.filter(keep(globalTypesDropped)),
    ],
    inputs: v2.inputs.map((map) => map.filter(keep(V2_ONLY_INPUT_TYPES))),
    outputs: v2.outputs.map((map) => map.filter(keep(V2_ONLY_OUTPUT_TYPES))),
  };
}
