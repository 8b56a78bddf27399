import { describe, expect, it } from 'vitest';
import { shareComplete, shareSetId } from '../../../renderer/screens/KeyShares';
import { splitMasterSecret } from '../../../src/keys/slip39';
import { decodeShare } from '../../../src/keys/slip39-share';
import { SLIP39_WORDLIST } from '../../../src/keys/slip39-wordlist';

const [shares = []] = splitMasterSecret({
  masterSecret: Uint8Array.from(Buffer.from('bb54aac4b89dc868ba37d9cc21b2cece', 'hex')),
  groups: [{ threshold: 2, count: 3 }],
});

describe('share entry rules', () => {
  it('reads the set identifier the card prints from the first two words', () => {
    for (const share of shares) {
      const expected = decodeShare(share).identifier.toString(16).padStart(4, '0');
      expect(shareSetId(share.split(' '), SLIP39_WORDLIST)).toBe(expected);
    }
    expect(shareSetId(['notaword', 'acid'], SLIP39_WORDLIST)).toBeNull();
    expect(shareSetId(['academic'], SLIP39_WORDLIST)).toBeNull();
  });

  it('takes only 20 or 33 words of the list', () => {
    const known = new Set(SLIP39_WORDLIST);
    const words = (shares[0] ?? '').split(' ');
    expect(shareComplete(words, known)).toBe(true);
    expect(shareComplete(words.slice(0, 19), known)).toBe(false);
    expect(shareComplete([...words.slice(0, 19), 'bitcoin'], known)).toBe(false);
  });
});
