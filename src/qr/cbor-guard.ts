import { badInput } from '../common/errors';

/**
 * Checks that bytes are one well-formed, definite-length CBOR item whose declared lengths fit in
 * the bytes given, before a CBOR library sees them. The UR registry's decoder trusts declared
 * array lengths: `9b ffffffffffffffff` makes it grow an array until V8 aborts the whole process,
 * which no try/catch can stop. Scanned QR codes are hostile input, so they pass through here first.
 */
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

function skipItem(cursor: Cursor, depth: number): void {
  if (depth > MAX_DEPTH || cursor.at >= cursor.bytes.length) malformed();
  const initial = cursor.bytes[cursor.at] as number;
  cursor.at += 1;
  const major = initial >> 5;
  const argument = readArgument(cursor, initial & 31);
  const remaining = cursor.bytes.length - cursor.at;
  switch (major) {
    case 0:
    case 1:
    case 7:
      return;
    case 2:
    case 3:
      if (argument > remaining) malformed();
      cursor.at += argument;
      return;
    case 4:
    case 5: {
      const items = major === 4 ? argument : argument * 2;
      // Every item takes at least one byte, so a longer declared count cannot be honest.
      if (items > remaining) malformed();
      for (let i = 0; i < items; i++) skipItem(cursor, depth + 1);
      return;
    }
    case 6:
      skipItem(cursor, depth + 1);
      return;
  }
}

export function assertWellFormedCbor(bytes: Uint8Array): void {
  const cursor: Cursor = { bytes, at: 0 };
  skipItem(cursor, 0);
  if (cursor.at !== bytes.length) malformed();
}
