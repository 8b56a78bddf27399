import { badInput } from '../common/errors';

/** Dice arithmetic with no Node import, so the app's renderer can show the same counts main uses. */

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
