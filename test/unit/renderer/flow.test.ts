import { describe, expect, it } from 'vitest';
import {
  CEREMONY_STEPS,
  canConfirmReview,
  cancelLosesWork,
  initialView,
  type Screen,
  screenOf,
  type ViewEvent,
  type ViewState,
  viewReducer,
} from '../../../renderer/flow/ceremony';
import { completion } from '../../../renderer/flow/typed-share';
import { CeremonyStageSchema, type ReviewResult, type SignedResult } from '../../../src/ipc/models';

function reviewResult(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return {
    walletName: 'treasury',
    psbtHash: 'ab'.repeat(32),
    review: {
      network: 'testnet',
      inputs: [],
      outputs: [],
      fee: 1000,
      feeRate: 5,
      vsize: 200,
      signatures: { present: 0, required: 2 },
      warnings: [],
    },
    violations: [],
    approvalsRequired: 2,
    ...overrides,
  };
}
const signed: SignedResult = {
  psbtBase64: 'cHNidP8=',
  auditHead: `7:${'a'.repeat(64)}`,
  psbtOutHash: 'cd'.repeat(32),
  signedInputs: 1,
  format: 'ur',
  frames: ['ur:crypto-psbt/abc'],
};

const run = (events: ViewEvent[], from: ViewState = initialView) => events.reduce(viewReducer, from);

describe('the ceremony screens follow the stage main holds', () => {
  it("shows each of main's stages as its step, in the ceremony's order", () => {
    const stages = CeremonyStageSchema.options.filter((stage) => stage !== 'idle');
    const screens = stages.map((stage) => screenOf(stage, initialView));
    expect(stages).toEqual(['scanning', 'loaded', 'reviewed', 'approving', 'approved', 'unlocked', 'signed']);
    expect(screens).toEqual(['scan', 'review', 'review', 'approvals', 'shares', 'signing', 'showQr']);
    // Main's order is the steps' order: a later stage never shows an earlier step.
    const order = screens.map((screen) => CEREMONY_STEPS.indexOf(screen as (typeof CEREMONY_STEPS)[number]));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('goes from review to key shares when main says approved right after the confirmation', () => {
    // Main's stage after confirmReview for a policy that asks for no approvals.
    expect(
      screenOf('approved', run([{ type: 'reviewed', review: reviewResult({ approvalsRequired: 0 }) }])),
    ).toBe('shares');
  });

  it("opens a menu screen only outside a ceremony: a view choice cannot leave main's step", () => {
    const atAudit = run([{ type: 'open', screen: 'audit' }]);
    expect(screenOf('idle', atAudit)).toBe('audit');
    for (const stage of ['scanning', 'reviewed', 'approving', 'unlocked'] as const)
      expect(screenOf(stage, atAudit)).not.toBe('audit');
  });

  it('keeps a refused signature on the Sign screen until the officers go back to Key shares', () => {
    const refusal = { code: 'QUORUM_WRONG_KEY', message: 'another key' };
    const refused = run([{ type: 'signRefused', error: refusal }]);
    // Main wiped the quorum: its stage says approved, and the refusal is read where it happened.
    expect(screenOf('approved', refused)).toBe('signing');
    expect(refused.error).toEqual(refusal);
    const back = viewReducer(refused, { type: 'backToShares' });
    expect(screenOf('approved', back)).toBe('shares');
    expect(back.error).toBeNull();
  });

  it('will not offer to confirm a review with a policy violation or a refusal on screen', () => {
    expect(canConfirmReview(run([{ type: 'reviewed', review: reviewResult() }]))).toBe(true);
    const violating = run([
      {
        type: 'reviewed',
        review: reviewResult({ violations: [{ code: 'FEE_CAP', message: 'fee too high' }] }),
      },
    ]);
    expect(canConfirmReview(violating)).toBe(false);
    const refused = run([{ type: 'failed', error: { code: 'NETWORK_MISMATCH', message: 'other network' } }]);
    expect(refused.review).toBeNull();
    expect(canConfirmReview(refused)).toBe(false);
  });

  it("a new ceremony forgets the last one's review and signed result, and ends at Home", () => {
    const state = run([
      { type: 'open', screen: 'wallets' },
      { type: 'reviewed', review: reviewResult() },
      { type: 'signed', signed },
      { type: 'ceremonyStarted' },
    ]);
    expect(state).toEqual(initialView);
    expect(screenOf('idle', state)).toBe('home');
  });
});

describe('after signing', () => {
  it('Done and the signed QR are a view choice over the one signed PSBT main holds', () => {
    const shown = run([{ type: 'signed', signed }]);
    expect(screenOf('signed', shown)).toBe('showQr');
    const done = viewReducer(shown, { type: 'qrDismissed' });
    expect(screenOf('signed', done)).toBe('done');
    expect(screenOf('signed', viewReducer(done, { type: 'showAgain' }))).toBe('showQr');
    // Once main has dropped the ceremony (finishCeremony, or a new scan) neither is shown.
    expect(screenOf('idle', done)).toBe('home');
    expect(screenOf('scanning', done)).toBe('scan');
  });

  it('asks before cancelling only where approvals, shares or a signature would be lost', () => {
    expect(['scan', 'review', 'done'].map((s) => cancelLosesWork(s as Screen))).toEqual([
      false,
      false,
      false,
    ]);
    expect(['approvals', 'shares', 'signing', 'showQr'].every((s) => cancelLosesWork(s as Screen))).toBe(
      true,
    );
  });
});

describe('screen helpers', () => {
  it('completes a share word only when the prefix is unambiguous', () => {
    const words = ['academic', 'acid', 'acne', 'duckling', 'duke'];
    expect(completion('duc', words)).toBe('duckling');
    // The field holds one word at a time: text with a space in it is not a word to complete.
    expect(completion('academic duc', words)).toBeNull();
    expect(completion('du', words)).toBeNull();
    expect(completion('ac', words)).toBeNull();
    expect(completion('acad', words)).toBe('academic');
    expect(completion('academic ', words)).toBeNull();
  });
});
