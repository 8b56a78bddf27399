import { createHash, randomBytes } from 'node:crypto';
import { wipe } from '../common/bytes';
import { badInput } from '../common/errors';

export type SecretBits = 128 | 256;

/** Rolls of a fair six-sided die that carry `bits` of entropy on their own (log2 6 ≈ 2.585 bits each). */
export function diceRollsForFullEntropy(bits: SecretBits): number {
  return Math.ceil(bits / Math.log2(6));
}

/** Validates dice rolls typed as digits 1 to 6 (spaces allowed). */
export function parseDiceRolls(text: string): string {
  const rolls = text.replace(/\s+/g, '');
  if (!/^[1-6]*$/.test(rolls)) throw badInput('DICE_INVALID', 'dice rolls must be digits from 1 to 6');
  return rolls;
}

/**
 * A new master secret: system entropy, mixed with SHA-256 with optional dice rolls so that neither a
 * weak random generator nor a loaded die alone decides the key. Nothing is written anywhere.
 */
export function generateMasterSecret({
  bits,
  diceRolls = '',
  systemRandom = (length) => new Uint8Array(randomBytes(length)),
}: {
  bits: SecretBits;
  diceRolls?: string;
  /** The operating system's generator; injected only by tests. */
  systemRandom?: (length: number) => Uint8Array;
}): Uint8Array {
  const rolls = parseDiceRolls(diceRolls);
  const system = systemRandom(bits / 8);
  const digest = new Uint8Array(createHash('sha256').update(system).update(`airlock-dice:${rolls}`).digest());
  const secret = digest.slice(0, bits / 8);
  wipe(system, digest);
  return secret;
}
