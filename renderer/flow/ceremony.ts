import type { ReviewResult, SignedResult } from '../../src/ipc/models';

/** The ceremony's steps in order, then the screens outside it. */
export const CEREMONY_STEPS = ['scan', 'review', 'approvals', 'shares', 'signing', 'showQr', 'done'] as const;
export type CeremonyStep = (typeof CEREMONY_STEPS)[number];
/** Screens the main menu opens. */
export type MenuScreen = 'home' | 'wallets' | 'createShares' | 'audit' | 'changes' | 'approvers' | 'policy';
/** Accepting staged changes: the approvals the sealed policies ask for, then the quorum's shares. */
export type AcceptStep = 'acceptApprovals' | 'acceptShares';
export type Screen = MenuScreen | CeremonyStep | AcceptStep;

/** A refusal shown on the current screen, in the words of its code. */
export interface ShownError {
  code: string;
  message: string;
}

export interface FlowState {
  screen: Screen;
  review: ReviewResult | null;
  signed: SignedResult | null;
  error: ShownError | null;
}

export type FlowEvent =
  | { type: 'open'; screen: MenuScreen }
  | { type: 'acceptStarted'; approvalsNeeded: boolean }
  | { type: 'acceptApprovalsComplete' }
  | { type: 'startCeremony' }
  | { type: 'psbtLoaded' }
  | { type: 'reviewed'; review: ReviewResult }
  | { type: 'reviewConfirmed' }
  | { type: 'approvalsComplete' }
  | { type: 'quorumComplete' }
  | { type: 'signed'; signed: SignedResult }
  | { type: 'finished' }
  | { type: 'showAgain' }
  | { type: 'backToShares' }
  | { type: 'cancelled' }
  | { type: 'failed'; error: ShownError }
  | { type: 'dismissError' };

export const initialFlow: FlowState = { screen: 'home', review: null, signed: null, error: null };

const idle = (screen: Screen): FlowState => ({ ...initialFlow, screen });

/**
 * Which screen follows which. Moving forward is only possible from the step before, so a stale
 * click cannot skip a step; main enforces the same order again.
 */
export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'open':
      return state.screen === 'home' || !isCeremonyStep(state.screen) || state.screen === 'done'
        ? idle(event.screen)
        : state;
    case 'acceptStarted':
      if (state.screen !== 'changes') return state;
      return idle(event.approvalsNeeded ? 'acceptApprovals' : 'acceptShares');
    case 'acceptApprovalsComplete':
      return state.screen === 'acceptApprovals' ? idle('acceptShares') : state;
    case 'startCeremony':
      return idle('scan');
    case 'psbtLoaded':
      return state.screen === 'scan' ? { ...state, screen: 'review', error: null } : state;
    case 'reviewed':
      return state.screen === 'review' ? { ...state, review: event.review, error: null } : state;
    case 'reviewConfirmed':
      if (state.screen !== 'review' || !canConfirmReview(state)) return state;
      return { ...state, screen: state.review?.approvalsRequired ? 'approvals' : 'shares', error: null };
    case 'approvalsComplete':
      return state.screen === 'approvals' ? { ...state, screen: 'shares', error: null } : state;
    case 'quorumComplete':
      return state.screen === 'shares' ? { ...state, screen: 'signing', error: null } : state;
    case 'signed':
      return state.screen === 'signing'
        ? { ...state, screen: 'showQr', signed: event.signed, error: null }
        : state;
    case 'finished':
      return state.screen === 'showQr' ? { ...state, screen: 'done', error: null } : state;
    case 'backToShares':
      // Main wiped the refused quorum and kept the approvals; the shares are entered again.
      return state.screen === 'signing' ? { ...state, screen: 'shares', error: null } : state;
    case 'showAgain':
      return state.screen === 'done' && state.signed ? { ...state, screen: 'showQr', error: null } : state;
    case 'cancelled':
      return idle('home');
    case 'failed':
      return { ...state, error: event.error };
    case 'dismissError':
      return { ...state, error: null };
  }
}

export function isCeremonyStep(screen: Screen): screen is CeremonyStep {
  return (CEREMONY_STEPS as readonly string[]).includes(screen);
}

/** Refusals at Sign that new shares can mend: the way back to Key shares is offered. */
export function isQuorumRefusal(code: string | undefined): boolean {
  return (
    code === 'QUORUM_WRONG_KEY' ||
    code === 'QUORUM_MISSING' ||
    code === 'QUORUM_INCOMPLETE' ||
    code === 'QUORUM_NOT_VERIFIED'
  );
}

/** Cancelling from these steps throws away approvals, typed shares or the signature: it asks first. */
export function cancelLosesWork(screen: Screen): boolean {
  return screen === 'approvals' || screen === 'shares' || screen === 'signing' || screen === 'showQr';
}

/** A review with a policy violation or a refusal on screen cannot be confirmed. */
export function canConfirmReview(state: FlowState): boolean {
  return state.review !== null && state.review.violations.length === 0 && state.error === null;
}
