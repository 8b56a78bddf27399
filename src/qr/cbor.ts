import { badInput } from '../common/errors';

/**
 * The CBOR that wallet QR codes use (RFC 8949, definite lengths only): read with every declared length
 * checked against the bytes given, and written in dCBOR's order (map keys sorted, shortest arguments).
 */

export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | CborValue[]
  | CborMap
  | CborTagged
  | { simple: number };
export type CborMap = Map<number | string, CborValue>;
export interface CborTagged {
  tag: number;
  value: CborValue;
}

const MAX_DEPTH = 24;

interface Cursor {
  bytes: Uint8Array;
  at: number;
}

function malformed(): never {
  throw badInput('CBOR_INVALID', 'the QR payload is not well-formed CBOR');
}

function readArgument(cursor: Cursor, info: number): number {
  if (info < 24) return info;
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  // 28-30 are reserved; 31 (indefinite length) is refused as no wallet encoder uses it.
  if (size === 0 || cursor.at + size > cursor.bytes.length) malformed();
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + (cursor.bytes[cursor.at + i] as number);
  cursor.at += size;
  return value;
}

function readItem(cursor: Cursor, depth: number): CborValue {
  if (depth > MAX_DEPTH || cursor.at >= cursor.bytes.length) malformed();
  const initial = cursor.bytes[cursor.at] as number;
  cursor.at += 1;
  const major = initial >> 5;
  const argument = readArgument(cursor, initial & 31);
  const remaining = cursor.bytes.length - cursor.at;
  switch (major) {
    case 0:
      return argument;
    case 1:
      return -1 - argument;
    case 2:
    case 3: {
      if (argument > remaining) malformed();
      const content = cursor.bytes.subarray(cursor.at, cursor.at + argument);
      cursor.at += argument;
      if (major === 2) return content;
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(content);
      } catch {
        return malformed();
      }
    }
    case 4:
    case 5: {
      // Every item takes at least one byte, so a longer declared count cannot be honest.
      if ((major === 4 ? argument : argument * 2) > remaining) malformed();
      if (major === 4) return Array.from({ length: argument }, () => readItem(cursor, depth + 1));
      const map: CborMap = new Map();
      for (let i = 0; i < argument; i++) {
        const key = readItem(cursor, depth + 1);
        const value = readItem(cursor, depth + 1);
        if (typeof key !== 'number' && typeof key !== 'string') malformed();
        map.set(key, value);
      }
      return map;
    }
    case 6:
      return { tag: argument, value: readItem(cursor, depth + 1) };
    default:
      if (argument === 20 || argument === 21) return argument === 21;
      if (argument === 22) return null;
      return { simple: argument };
  }
}

/** Reads exactly one CBOR item filling the bytes; anything else is CBOR_INVALID. */
export function readCbor(bytes: Uint8Array): CborValue {
  const cursor: Cursor = { bytes, at: 0 };
  const value = readItem(cursor, 0);
  if (cursor.at !== bytes.length) malformed();
  return value;
}

function head(major: number, argument: number): number[] {
  if (argument < 24) return [(major << 5) | argument];
  const size = argument < 0x100 ? 1 : argument < 0x10000 ? 2 : argument < 0x100000000 ? 4 : 8;
  const info = { 1: 24, 2: 25, 4: 26, 8: 27 }[size] as number;
  const bytes: number[] = [];
  for (let i = size - 1; i >= 0; i--) bytes.push(Math.floor(argument / 256 ** i) % 256);
  return [(major << 5) | info, ...bytes];
}

function writeItem(value: CborValue, out: number[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('only integers are written');
    out.push(...(value >= 0 ? head(0, value) : head(1, -1 - value)));
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    out.push(...head(3, bytes.length), ...bytes);
  } else if (typeof value === 'boolean') out.push(value ? 0xf5 : 0xf4);
  else if (value === null) out.push(0xf6);
  else if (value instanceof Uint8Array) out.push(...head(2, value.length), ...value);
  else if (Array.isArray(value)) {
    out.push(...head(4, value.length));
    for (const item of value) writeItem(item, out);
  } else if (value instanceof Map) {
    out.push(...head(5, value.size));
    // dCBOR: integer keys here, in ascending order.
    for (const key of [...value.keys()].sort((a, b) => Number(a) - Number(b))) {
      writeItem(key, out);
      writeItem(value.get(key) as CborValue, out);
    }
  } else if ('tag' in value) {
    out.push(...head(6, value.tag));
    writeItem(value.value, out);
  } else out.push(...head(7, value.simple));
}

export function writeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  writeItem(value, out);
  return Uint8Array.from(out);
}
