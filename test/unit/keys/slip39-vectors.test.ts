import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { bip32 } from '../../../src/common/ecc';
import { isAirlockError } from '../../../src/common/errors';
import { combineShares } from '../../../src/keys/slip39';
import vectors from '../../fixtures/slip39/vectors.json';

type Vector = [description: string, mnemonics: string[], masterSecretHex: string, xprv: string];

// Trezor's official SLIP-39 vectors; all are combined with the passphrase "TREZOR".
describe('SLIP-39 official vectors (trezor/python-shamir-mnemonic vectors.json)', () => {
  it('has all 45 vectors', () => {
    expect(vectors).toHaveLength(45);
  });

  for (const [description, mnemonics, secretHex, xprv] of vectors as Vector[]) {
    if (secretHex) {
      it(`recovers: ${description}`, () => {
        const secret = combineShares({ mnemonics, passphrase: 'TREZOR' });
        expect(toHex(secret)).toBe(secretHex);
        expect(bip32.fromSeed(secret).toBase58()).toBe(xprv);
      });
    } else {
      it(`rejects: ${description}`, () => {
        let error: unknown;
        try {
          combineShares({ mnemonics, passphrase: 'TREZOR' });
        } catch (e) {
          error = e;
        }
        expect(isAirlockError(error)).toBe(true);
        // Messages never echo a share: no three consecutive words of any share appear in them.
        const message = (error as Error).message;
        for (const mnemonic of mnemonics) {
          const words = mnemonic.split(' ');
          for (let i = 0; i + 3 <= words.length; i++)
            expect(message).not.toContain(words.slice(i, i + 3).join(' '));
        }
      });
    }
  }
});
