import { describe, expect, it } from 'vitest';
import { initialView, screenOf, type ViewState, viewReducer } from '../../../renderer/flow/ceremony';
import { draftOf, policyFromDraft } from '../../../renderer/flow/policy-draft';
import { PolicySchema } from '../../../src/policy/schema';

const at = (menu: ViewState['menu']): ViewState => ({ ...initialView, menu });

describe('accepting staged changes: the screen follows the acceptance main holds', () => {
  it('shows the approvals while main says they are missing, then the shares', () => {
    expect(screenOf('idle', at('changes'), 'approvals')).toBe('acceptApprovals');
    expect(screenOf('idle', at('changes'), 'shares')).toBe('acceptShares');
  });

  it("shows main's step on a page reopened mid-acceptance, whatever screen the view starts on", () => {
    expect(screenOf('idle', initialView, 'shares')).toBe('acceptShares');
    expect(screenOf('idle', at('audit'), 'approvals')).toBe('acceptApprovals');
  });

  it('goes back to the screen the view chose once main holds no acceptance', () => {
    expect(screenOf('idle', at('changes'), null)).toBe('changes');
    expect(screenOf('idle', viewReducer(at('home'), { type: 'open', screen: 'changes' }), null)).toBe(
      'changes',
    );
  });

  it('shows a signing ceremony main holds rather than an acceptance', () => {
    expect(screenOf('reviewed', at('changes'), 'shares')).toBe('review');
    expect(screenOf('signed', at('changes'), 'approvals')).toBe('showQr');
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
