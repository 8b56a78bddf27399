import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { AirlockError } from '../../../src/common/errors';
import { checkMnemonic, mnemonicToSeed } from '../../../src/keys/bip39';
import vectors from '../../fixtures/keys/bip39-vectors.json';

describe('BIP-39 mnemonic to seed', () => {
  it.each(vectors.vectors)('matches the Trezor vector for $entropy', (vector) => {
    const seed = mnemonicToSeed({ mnemonic: vector.mnemonic, passphrase: vectors.passphrase });
    expect(toHex(seed)).toBe(vector.seed);
  });

  it('accepts extra whitespace and capitals the way users type them', () => {
    const vector = vectors.vectors[0]!;
    const messy = `  ${vector.mnemonic.toUpperCase().split(' ').join('  \n')} \n`;
    expect(toHex(mnemonicToSeed({ mnemonic: messy, passphrase: 'TREZOR' }))).toBe(vector.seed);
  });

  it('gives a different seed without the passphrase', () => {
    const vector = vectors.vectors[0]!;
    expect(toHex(mnemonicToSeed({ mnemonic: vector.mnemonic }))).not.toBe(vector.seed);
  });
});

describe('BIP-39 mnemonic checks', () => {
  const valid = vectors.vectors[0]!.mnemonic;
  const expectBad = (text: string, message: RegExp) => {
    let caught: unknown;
    try {
      checkMnemonic(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AirlockError);
    expect((caught as AirlockError).kind).toBe('bad-input');
    expect((caught as AirlockError).message).toMatch(message);
  };

  it('rejects a wrong word count', () => expectBad('abandon abandon about', /has 3$/));

  it('names the position of an unknown word but never the word', () => {
    const words = valid.split(' ');
    words[4] = 'bitcoinz';
    expectBad(words.join(' '), /^word 5 of the mnemonic is not in the BIP-39 English list$/);
  });

  it('rejects a bad checksum', () => {
    const words = valid.split(' ');
    words[11] = 'abandon';
    expectBad(words.join(' '), /checksum/);
  });
});
