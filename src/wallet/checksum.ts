import { badInput } from '../common/errors';

/** BIP-380 descriptor checksum: a BCH code over the descriptor's characters, 8 characters long. */

const INPUT_CHARSET =
  '0123456789()[],\'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#"\\ ';
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];
const CHECKSUM_LENGTH = 8;

function polymod(symbols: number[]): bigint {
  let chk = 1n;
  for (const value of symbols) {
    const top = chk >> 35n;
    chk = ((chk & 0x7ffffffffn) << 5n) ^ BigInt(value);
    for (let i = 0; i < 5; i++) {
      if ((top >> BigInt(i)) & 1n) chk ^= GENERATOR[i] as bigint;
    }
  }
  return chk;
}

/** Character-to-symbol expansion; null when a character is outside the descriptor character set. */
function expand(body: string): number[] | null {
  const symbols: number[] = [];
  const groups: number[] = [];
  for (const char of body) {
    const v = INPUT_CHARSET.indexOf(char);
    if (v < 0) return null;
    symbols.push(v & 31);
    groups.push(v >> 5);
    if (groups.length === 3) {
      symbols.push((groups[0] as number) * 9 + (groups[1] as number) * 3 + (groups[2] as number));
      groups.length = 0;
    }
  }
  if (groups.length === 1) symbols.push(groups[0] as number);
  else if (groups.length === 2) symbols.push((groups[0] as number) * 3 + (groups[1] as number));
  return symbols;
}

/** The checksum of a descriptor written without one. */
export function descriptorChecksum(body: string): string {
  const symbols = expand(body);
  if (!symbols)
    throw badInput('DESCRIPTOR_INVALID', 'the descriptor contains a character descriptors do not allow');
  const checksum = polymod([...symbols, 0, 0, 0, 0, 0, 0, 0, 0]) ^ 1n;
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out += CHECKSUM_CHARSET[Number((checksum >> BigInt(5 * (7 - i))) & 31n)];
  }
  return out;
}

export function addDescriptorChecksum(body: string): string {
  return `${body}#${descriptorChecksum(body)}`;
}

/**
 * Splits `SCRIPT#CHECKSUM` and verifies the checksum when one is present. Returns the descriptor
 * without its checksum; a malformed or wrong checksum is a DESCRIPTOR_CHECKSUM error.
 */
export function stripDescriptorChecksum(text: string): { body: string; hadChecksum: boolean } {
  const hash = text.indexOf('#');
  if (hash < 0) {
    descriptorChecksum(text);
    return { body: text, hadChecksum: false };
  }
  const body = text.slice(0, hash);
  const checksum = text.slice(hash + 1);
  if (checksum.length !== CHECKSUM_LENGTH || [...checksum].some((c) => !CHECKSUM_CHARSET.includes(c))) {
    throw badInput('DESCRIPTOR_CHECKSUM', 'the descriptor checksum after # must be 8 checksum characters');
  }
  if (descriptorChecksum(body) !== checksum) {
    throw badInput(
      'DESCRIPTOR_CHECKSUM',
      'the descriptor checksum does not match; the descriptor was altered or mistyped',
    );
  }
  return { body, hadChecksum: true };
}

export function isValidDescriptorChecksum(text: string): boolean {
  try {
    return stripDescriptorChecksum(text).hadChecksum;
  } catch {
    return false;
  }
}
