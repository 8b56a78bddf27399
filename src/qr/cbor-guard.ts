import { readCbor } from './cbor';

/**
 * Checks that bytes are one well-formed, definite-length CBOR item whose declared lengths fit in
 * the bytes given, before a CBOR library sees them. The UR registry's decoder trusts declared
 * array lengths: `9b ffffffffffffffff` makes it grow an array until V8 aborts the whole process,
 * which no try/catch can stop. Scanned QR codes are hostile input, so they pass through here first.
 */
export function assertWellFormedCbor(bytes: Uint8Array): void {
  readCbor(bytes);
}
