import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { diceRollsForFullEntropy, generateMasterSecret } from '../../../src/keys/entropy';

const fixedSystem = (length: number) => Uint8Array.from({ length }, (_, i) => i * 7);

describe('new key entropy', () => {
  it('asks for 50 d6 rolls for 128 bits and 100 for 256 bits', () => {
    expect(diceRollsForFullEntropy(128)).toBe(50);
    expect(diceRollsForFullEntropy(256)).toBe(100);
    // Each count is the smallest that reaches the target: 6^49 < 2^128 <= 6^50.
    expect(49 * Math.log2(6)).toBeLessThan(128);
    expect(99 * Math.log2(6)).toBeLessThan(256);
  });

  it('mixes system entropy and dice rolls with SHA-256', () => {
    const rolls = '1623 4556 2161';
    const system = fixedSystem(32);
    const expected = createHash('sha256').update(system).update('airlock-dice:162345562161').digest();
    const secret = generateMasterSecret({ bits: 256, diceRolls: rolls, systemRandom: fixedSystem });
    expect(toHex(secret)).toBe(expected.toString('hex'));
    const otherDice = generateMasterSecret({
      bits: 256,
      diceRolls: '162345562162',
      systemRandom: fixedSystem,
    });
    expect(toHex(otherDice)).not.toBe(toHex(secret));
  });

  it('wipes the system bytes it was given and returns a secret of the requested size', () => {
    let lent: Uint8Array | undefined;
    const secret = generateMasterSecret({
      bits: 128,
      systemRandom: (length) => {
        lent = fixedSystem(length);
        return lent;
      },
    });
    expect(secret).toHaveLength(16);
    expect(lent?.every((byte) => byte === 0)).toBe(true);
  });

  it('draws fresh system entropy even with the same dice', () => {
    const a = generateMasterSecret({ bits: 128, diceRolls: '123456' });
    const b = generateMasterSecret({ bits: 128, diceRolls: '123456' });
    expect(toHex(a)).not.toBe(toHex(b));
  });

  it('refuses dice rolls that are not 1 to 6', () => {
    expect(() => generateMasterSecret({ bits: 128, diceRolls: '1237' })).toThrow(
      expect.objectContaining({ code: 'DICE_INVALID' }),
    );
  });
});
