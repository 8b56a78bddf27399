import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAirlockError } from '../../../src/common/errors';
import { shareIndicesFromBytes, shareWordIndices } from '../../../src/keys/slip39-share';

const vectors = JSON.parse(readFileSync('test/fixtures/slip39/vectors.json', 'utf8')) as Array<
  [string, string[]]
>;
const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(input: Uint8Array): string {
  try {
    shareIndicesFromBytes(input);
  } catch (error) {
    return isAirlockError(error) ? `${error.code}: ${error.message}` : 'untyped';
  }
  return 'accepted';
}

describe('share files read as word indices', () => {
  it('gives the word indices of every official vector share, from bytes, whatever the case and spacing', () => {
    const mnemonics = vectors.flatMap(([, m]) => m).filter((m) => m.split(' ').length <= 60);
    expect(mnemonics.length).toBeGreaterThan(40);
    let compared = 0;
    for (const mnemonic of mnemonics) {
      const file = bytes(`  ${mnemonic.toUpperCase().replaceAll(' ', ' \r\n\t')}\n`);
      let expected: number[];
      try {
        expected = shareWordIndices(mnemonic);
      } catch {
        // The vectors' wrong-length shares are refused either way.
        expect(refusal(file)).toMatch(/^SHARE_INVALID/);
        continue;
      }
      expect(Array.from(shareIndicesFromBytes(file))).toEqual(expected);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('refuses a word off the list or a prefix of one by position, without echoing the words', () => {
    const [, [mnemonic]] = vectors[0] as [string, [string]];
    const words = mnemonic.split(' ');
    const off = [...words.slice(0, 4), 'ducklings', ...words.slice(5)].join(' ');
    expect(refusal(bytes(off))).toMatch(/^SHARE_INVALID: word 5 /);
    const prefix = [
      ...words.slice(0, 4),
      (words[4] as string).slice(0, 4) === words[4] ? 'zzzz' : (words[4] as string).slice(0, 4),
      ...words.slice(5),
    ].join(' ');
    expect(refusal(bytes(prefix))).toMatch(/^SHARE_INVALID: word 5 /);
    expect(refusal(bytes(`${mnemonic} 42`))).toMatch(/^SHARE_INVALID: a share file holds only/);
    expect(refusal(bytes(words.slice(0, 10).join(' ')))).toMatch(/has 20 or 33 words; this one has 10/);
    for (const reason of [refusal(bytes(off)), refusal(bytes(prefix))]) {
      for (const word of words) expect(reason).not.toContain(word);
    }
  });
});
