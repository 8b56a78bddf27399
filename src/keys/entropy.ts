import { createHash, randomBytes } from 'node:crypto';
import { wipe } from '../common/bytes';
import { parseDiceRolls, type SecretBits } from './dice';

export { diceRollsForFullEntropy, parseDiceRolls, type SecretBits } from './dice';

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
