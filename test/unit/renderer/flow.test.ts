import { describe, expect, it } from 'vitest';
import {
  canConfirmReview,
  cancelLosesWork,
  type FlowEvent,
  type FlowState,
  flowReducer,
  initialFlow,
  type Screen,
} from '../../../renderer/flow/ceremony';
import { completion } from '../../../renderer/flow/typed-share';
import type { ReviewResult, SignedResult } from '../../../src/ipc/models';

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

const run = (events: FlowEvent[], from: FlowState = initialFlow) => events.reduce(flowReducer, from);

describe('ceremony flow', () => {
  it('walks scan, review, approvals, shares, signing, show QR, done in order', () => {
    const screens: string[] = [];
    let state = initialFlow;
    const steps: FlowEvent[] = [
      { type: 'startCeremony' },
      { type: 'psbtLoaded' },
      { type: 'reviewed', review: reviewResult() },
      { type: 'reviewConfirmed' },
      { type: 'approvalsComplete' },
      { type: 'quorumComplete' },
      { type: 'signed', signed },
      { type: 'finished' },
    ];
    for (const event of steps) {
      state = flowReducer(state, event);
      screens.push(state.screen);
    }
    expect(screens).toEqual(['scan', 'review', 'review', 'approvals', 'shares', 'signing', 'showQr', 'done']);
    expect(state.signed).toEqual(signed);
  });

  it('goes straight from review to key shares when the policy needs no approvals', () => {
    const state = run([
      { type: 'startCeremony' },
      { type: 'psbtLoaded' },
      { type: 'reviewed', review: reviewResult({ approvalsRequired: 0 }) },
      { type: 'reviewConfirmed' },
    ]);
    expect(state.screen).toBe('shares');
  });

  it('cannot skip a step: an event for a later step is ignored', () => {
    const atScan = run([{ type: 'startCeremony' }]);
    expect(flowReducer(atScan, { type: 'quorumComplete' }).screen).toBe('scan');
    expect(flowReducer(atScan, { type: 'signed', signed }).screen).toBe('scan');
    expect(flowReducer(atScan, { type: 'reviewConfirmed' }).screen).toBe('scan');
  });

  it('will not confirm a review with a policy violation or a refusal on screen', () => {
    const violating = run([
      { type: 'startCeremony' },
      { type: 'psbtLoaded' },
      {
        type: 'reviewed',
        review: reviewResult({ violations: [{ code: 'FEE_CAP', message: 'fee too high' }] }),
      },
    ]);
    expect(canConfirmReview(violating)).toBe(false);
    expect(flowReducer(violating, { type: 'reviewConfirmed' }).screen).toBe('review');
    const refused = run([
      { type: 'startCeremony' },
      { type: 'psbtLoaded' },
      { type: 'failed', error: { code: 'NETWORK_MISMATCH', message: 'other network' } },
    ]);
    expect(refused.review).toBeNull();
    expect(flowReducer(refused, { type: 'reviewConfirmed' }).screen).toBe('review');
  });

  it('cancel returns home and forgets the review and the signed result', () => {
    const state = run([
      { type: 'startCeremony' },
      { type: 'psbtLoaded' },
      { type: 'reviewed', review: reviewResult() },
      { type: 'cancelled' },
    ]);
    expect(state).toEqual(initialFlow);
  });

  it('does not leave a ceremony in progress through the menu', () => {
    const atReview = run([{ type: 'startCeremony' }, { type: 'psbtLoaded' }]);
    expect(flowReducer(atReview, { type: 'open', screen: 'audit' }).screen).toBe('review');
    expect(flowReducer(initialFlow, { type: 'open', screen: 'audit' }).screen).toBe('audit');
  });
});

describe('after signing', () => {
  it('Done can show the signed QR again until a new ceremony starts', () => {
    const signed = { signedInputs: 1 } as SignedResult;
    const done = run([
      { type: 'startCeremony' },
      { type: 'psbtLoaded' },
      { type: 'reviewed', review: reviewResult({ approvalsRequired: 0 }) },
      { type: 'reviewConfirmed' },
      { type: 'quorumComplete' },
      { type: 'signed', signed },
      { type: 'finished' },
    ]);
    expect(done.screen).toBe('done');
    expect(flowReducer(done, { type: 'showAgain' })).toMatchObject({ screen: 'showQr', signed });
    const next = flowReducer(done, { type: 'startCeremony' });
    expect(flowReducer(next, { type: 'showAgain' }).screen).toBe('scan');
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
