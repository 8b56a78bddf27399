import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/common/bytes';
import { isAirlockError } from '../../../src/common/errors';
import { combineShares, splitMasterSecret } from '../../../src/keys/slip39';
import { completeShareWord, decodeShare, isShareWord } from '../../../src/keys/slip39-share';
import { SLIP39_WORDLIST } from '../../../src/keys/slip39-wordlist';

const secretArb = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const quorumArb = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.tuple(fc.integer({ min: 2, max: n }), fc.constant(n)))
  .chain(([k, n]) =>
    fc.tuple(
      fc.constant(k),
      fc.constant(n),
      fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    ),
  );

function rejects(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return isAirlockError(error);
  }
}

describe('SLIP-39 split and combine (properties)', () => {
  it('any K of N shares rebuild the secret, K-1 never do', () => {
    fc.assert(
      fc.property(secretArb, quorumArb, (secret, [k, n, order]) => {
        const [shares] = splitMasterSecret({ masterSecret: secret, groups: [{ threshold: k, count: n }] });
        const chosen = order.slice(0, k).map((i) => shares![i]!);
        expect(toHex(combineShares({ mnemonics: chosen }))).toBe(toHex(secret));
        expect(rejects(() => combineShares({ mnemonics: chosen.slice(0, k - 1) }))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('a passphrase changes the recovered secret, and the right one restores it', () => {
    const secret = new Uint8Array(16).fill(7);
    const [shares] = splitMasterSecret({
      masterSecret: secret,
      groups: [{ threshold: 2, count: 3 }],
      passphrase: 'hunter2',
    });
    const two = shares!.slice(1, 3);
    expect(toHex(combineShares({ mnemonics: two, passphrase: 'hunter2' }))).toBe(toHex(secret));
    expect(toHex(combineShares({ mnemonics: two }))).not.toBe(toHex(secret));
  });

  it('two of three groups, each 2-of-3, rebuild the secret', () => {
    const secret = Uint8Array.from({ length: 32 }, (_, i) => i);
    const groups = splitMasterSecret({
      masterSecret: secret,
      groupThreshold: 2,
      groups: [
        { threshold: 2, count: 3 },
        { threshold: 2, count: 3 },
        { threshold: 1, count: 1 },
      ],
    });
    const mnemonics = [groups[0]![2]!, groups[0]![0]!, groups[2]![0]!];
    expect(toHex(combineShares({ mnemonics }))).toBe(toHex(secret));
    expect(rejects(() => combineShares({ mnemonics: [groups[0]![0]!, groups[2]![0]!] }))).toBe(true);
  });

  it('a flipped word is caught by the share checksum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1, max: 1023 }), (position, shift) => {
        const [shares] = splitMasterSecret({
          masterSecret: new Uint8Array(16).fill(1),
          groups: [{ threshold: 2, count: 2 }],
        });
        const words = shares![0]!.split(' ');
        const index = SLIP39_WORDLIST.indexOf(words[position]!);
        words[position] = SLIP39_WORDLIST[(index + shift) % 1024]!;
        let code = '';
        try {
          decodeShare(words.join(' '));
        } catch (error) {
          code = isAirlockError(error) ? error.code : 'other';
        }
        expect(code).toBe('SHARE_CHECKSUM');
      }),
      { numRuns: 50 },
    );
  });

  it('refuses unsafe parameters with typed errors', () => {
    const secret = new Uint8Array(16);
    expect(
      rejects(() => splitMasterSecret({ masterSecret: secret, groups: [{ threshold: 1, count: 3 }] })),
    ).toBe(true);
    expect(
      rejects(() => splitMasterSecret({ masterSecret: secret, groups: [{ threshold: 3, count: 2 }] })),
    ).toBe(true);
    expect(
      rejects(() => splitMasterSecret({ masterSecret: secret, groups: [{ threshold: 2, count: 17 }] })),
    ).toBe(true);
    expect(
      rejects(() =>
        splitMasterSecret({ masterSecret: new Uint8Array(15), groups: [{ threshold: 2, count: 3 }] }),
      ),
    ).toBe(true);
  });

  it('autocompletes words from a unique four-letter prefix', () => {
    expect(completeShareWord('acad')).toEqual(['academic']);
    expect(completeShareWord('ac').length).toBeGreaterThan(1);
    expect(completeShareWord('zzz')).toEqual([]);
    expect(isShareWord(' Academic ')).toBe(true);
    expect(isShareWord('acad')).toBe(false);
    // A BIP-39 word that SLIP-39 does not use.
    expect(isShareWord('abandon')).toBe(false);
  });
});
