import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../src/common/errors';
import { parsePsbt } from '../../../src/psbt/parse';
import { reviewPsbt } from '../../../src/psbt/review';
import { ReviewModelSchema } from '../../../src/psbt/review-model';
import bip174 from '../../fixtures/psbt/bip174-vectors.json';
import bip370 from '../../fixtures/psbt/bip370-vectors.json';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';

const wallet = testWallet();
const ours = buildPsbt({
  wallet,
  inputs: [
    { index: 0, amount: 100_000n },
    { index: 3, amount: 20_000n, previousTx: false },
  ],
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 50_000n },
    { change: { index: 1 }, amount: 60_000n },
  ],
}).toBuffer();
const seeds = [
  ours,
  ...[...bip174.valid, ...bip370.valid].map((v) => new Uint8Array(Buffer.from(v.base64, 'base64'))),
];

/** parse, then review: either a valid review model or a typed error, nothing else. */
function parseAndReview(input: Uint8Array | string): 'reviewed' | 'rejected' {
  try {
    const review = reviewPsbt({ psbt: parsePsbt(input), wallet });
    ReviewModelSchema.parse(review);
    return 'reviewed';
  } catch (error) {
    if (!(error instanceof AirlockError)) throw error;
    expect(['bad-input', 'refused']).toContain(error.kind);
    expect(error.message).not.toMatch(/\n/);
    return 'rejected';
  }
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
);

function mutate(bytes: Uint8Array, steps: Mutation[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const step of steps) {
    const at = out.length === 0 ? 0 : step.at % out.length;
    switch (step.kind) {
      case 'flip':
        out[at] = (out[at] ?? 0) ^ (1 << step.bit);
        break;
      case 'set':
        out[at] = step.value;
        break;
      case 'cut':
        out = out.subarray(0, at);
        break;
      case 'delete':
        out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + step.length)]);
        break;
      case 'insert':
        out = Uint8Array.from([...out.subarray(0, at), ...step.bytes, ...out.subarray(at)]);
        break;
    }
  }
  return out;
}

describe('parser and reviewer robustness (fast-check)', () => {
  it('random bytes, with or without the PSBT magic, end in a typed error or a review', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 600 }), (magic, body) => {
        const bytes = magic ? Uint8Array.from([0x70, 0x73, 0x62, 0x74, 0xff, ...body]) : body;
        parseAndReview(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('random text ends in a typed error or a review', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parseAndReview(text);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated valid PSBTs (bit flips, bytes set, cut, deleted, inserted) end in a typed error or a review', () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, steps) => {
          outcomes.add(parseAndReview(mutate(seed, steps)));
        },
      ),
      { numRuns: 600, seed: 174 },
    );
    // Both ends are exercised: some mutants still review, others are rejected.
    expect([...outcomes].sort()).toEqual(['rejected', 'reviewed']);
  });

  it('mutations of base64 text end in a typed error or a review', () => {
    const text = Buffer.from(ours).toString('base64');
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('A', '/', '=', ' ', '\n', '!', ''), (at, char) => {
        const i = at % text.length;
        parseAndReview(text.slice(0, i) + char + text.slice(i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('the unmutated seeds review (the property is not vacuous)', () => {
    expect(parseAndReview(ours)).toBe('reviewed');
  });
});
