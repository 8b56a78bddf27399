import { describe, expect, it } from 'vitest';
import { initialView, screenOf, type ViewState, viewReducer } from '../../../renderer/flow/ceremony';
import { draftOf, policyFromDraft } from '../../../renderer/flow/policy-draft';
import { PolicySchema } from '../../../src/policy/schema';

const at = (menu: ViewState['menu']): ViewState => ({ ...initialView, menu });
/** Accepting changes is a menu flow: main holds no signing ceremony meanwhile. */
const shown = (view: ViewState) => screenOf('idle', view);

describe('accepting staged changes: the screens in order', () => {
  it('goes to the approvals first when the sealed policies ask for them, else straight to the shares', () => {
    expect(viewReducer(at('changes'), { type: 'acceptStarted', approvalsNeeded: true }).menu).toBe(
      'acceptApprovals',
    );
    expect(viewReducer(at('changes'), { type: 'acceptStarted', approvalsNeeded: false }).menu).toBe(
      'acceptShares',
    );
    expect(viewReducer(at('acceptApprovals'), { type: 'acceptApprovalsComplete' }).menu).toBe('acceptShares');
  });

  it('ignores a stale accept from any other screen, so the approvals cannot be skipped', () => {
    expect(viewReducer(at('home'), { type: 'acceptStarted', approvalsNeeded: true }).menu).toBe('home');
    // During a signing ceremony the screen is main's step, whatever the view was asked.
    expect(
      screenOf('reviewed', viewReducer(at('changes'), { type: 'acceptStarted', approvalsNeeded: false })),
    ).toBe('review');
    expect(viewReducer(at('changes'), { type: 'acceptApprovalsComplete' }).menu).toBe('changes');
  });

  it('leaves the shares for the Changes screen once main accepted or refused', () => {
    expect(shown(viewReducer(at('acceptShares'), { type: 'open', screen: 'changes' }))).toBe('changes');
  });
});

describe('the Policy screen draft', () => {
  const policy = PolicySchema.parse({
    wallet: 'treasury',
    approvals: { required: 2, approvers: ['alice', 'bob', 'carol'] },
    allowedDestinations: [
      { address: 'tb1qexampleexampleexampleexample0000', label: 'exchange' },
      { descriptor: 'wpkh([0f056943/84h/1h/0h]tpubHotWallet/0/*)', label: 'hot wallet' },
    ],
    maxPerTransaction: 1_000_000,
    fees: { maxFeeRate: 25 },
    crossOwnerTransfers: { to: ['ops'], approvals: { required: 1, approvers: ['carol'] } },
  });

  it('gives back the policy it started from when nothing is edited', () => {
    expect(PolicySchema.parse(policyFromDraft('treasury', draftOf(policy), policy))).toEqual(policy);
  });

  it('sets what is typed, drops what is emptied, and keeps what the form does not edit', () => {
    const draft = {
      ...draftOf(policy),
      approvalsRequired: '1',
      approvers: 'alice, bob',
      maxPerTransaction: '',
      maxPer24h: '5000000',
      destinations: '',
      allowUnprovenAmounts: true,
    };
    expect(PolicySchema.parse(policyFromDraft('treasury', draft, policy))).toEqual({
      wallet: 'treasury',
      approvals: { required: 1, approvers: ['alice', 'bob'] },
      allowedDestinations: [policy.allowedDestinations?.[1]],
      maxPer24h: 5_000_000,
      fees: { maxFeeRate: 25 },
      crossOwnerTransfers: policy.crossOwnerTransfers,
      allowUnprovenAmounts: true,
    });
  });

  it('passes a number that does not parse on as typed, for main to refuse', () => {
    const draft = { ...draftOf(null), maxFee: 'lots' };
    expect(PolicySchema.safeParse(policyFromDraft('treasury', draft, null)).success).toBe(false);
  });
});
