import { badInput } from '../common/errors';

/** One PSBT record: `key` includes its type byte(s); both as raw bytes. */
export interface RawKeyValue {
  key: Uint8Array;
  value: Uint8Array;
}

/** The global map, then one map per input and per output, as BIP-174 lays them out. */
export interface RawPsbt {
  global: RawKeyValue[];
  inputs: RawKeyValue[][];
  outputs: RawKeyValue[][];
}

export const PSBT_MAGIC = Uint8Array.of(0x70, 0x73, 0x62, 0x74, 0xff);

const invalid = (why: string) => badInput('PSBT_INVALID', `the PSBT is malformed: ${why}`);

/** Reads BIP-174 maps from bytes; `counts` says how many input and output maps follow the global one. */
export class RawPsbtReader {
  private offset = PSBT_MAGIC.length;

  constructor(private readonly bytes: Uint8Array) {
    for (let i = 0; i < PSBT_MAGIC.length; i++) {
      if (bytes[i] !== PSBT_MAGIC[i]) throw invalid('it does not start with the PSBT magic bytes');
    }
  }

  readCompactSize(): number {
    const first = this.byte();
    if (first < 0xfd) return first;
    const width = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    let value = 0;
    for (let i = 0; i < width; i++) value += this.byte() * 2 ** (8 * i);
    if (!Number.isSafeInteger(value)) throw invalid('a length is too large');
    return value;
  }

  private byte(): number {
    const value = this.bytes[this.offset];
    if (value === undefined) throw invalid('it ends in the middle of a record');
    this.offset++;
    return value;
  }

  private slice(length: number): Uint8Array {
    if (length > this.bytes.length - this.offset) throw invalid('a record is longer than the data left');
    const part = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }

  /** One map up to its 0x00 separator; duplicate keys are rejected as BIP-174 requires. */
  readMap(where: string): RawKeyValue[] {
    const map: RawKeyValue[] = [];
    const seen = new Set<string>();
    for (;;) {
      const keyLength = this.readCompactSize();
      if (keyLength === 0) return map;
      const key = this.slice(keyLength);
      const value = this.slice(this.readCompactSize());
      const hex = Buffer.from(key).toString('hex');
      if (seen.has(hex)) throw invalid(`the ${where} has the key ${hex} twice`);
      seen.add(hex);
      map.push({ key, value });
    }
  }

  expectEnd(): void {
    if (this.offset !== this.bytes.length) throw invalid('there are bytes after the last output');
  }
}

export function compactSize(value: number): Uint8Array {
  if (value < 0xfd) return Uint8Array.of(value);
  if (value <= 0xffff) return Uint8Array.of(0xfd, value & 0xff, value >>> 8);
  return Uint8Array.of(0xfe, value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24);
}

/** Serializes maps back to PSBT bytes. */
export function writeRawPsbt(psbt: RawPsbt): Uint8Array {
  const parts: Uint8Array[] = [PSBT_MAGIC];
  const writeMap = (map: RawKeyValue[]) => {
    for (const { key, value } of map) {
      parts.push(compactSize(key.length), key, compactSize(value.length), value);
    }
    parts.push(Uint8Array.of(0));
  };
  writeMap(psbt.global);
  for (const map of psbt.inputs) writeMap(map);
  for (const map of psbt.outputs) writeMap(map);
  return new Uint8Array(Buffer.concat(parts));
}

/** The key type: BIP-174 keys start with a compact-size type. */
export function keyType(key: Uint8Array): number {
  const first = key[0] ?? 0;
  if (first < 0xfd) return first;
  let value = 0;
  const width = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
  for (let i = 0; i < width; i++) value += (key[1 + i] ?? 0) * 2 ** (8 * i);
  return value;
}
