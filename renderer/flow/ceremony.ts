import type {
  CeremonyStage,
  AcceptanceStep as MainAcceptanceStep,
  ReviewResult,
  SignedResult,
} from '../../src/ipc/models';

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

/**
 * What the renderer decides by itself. Where the signing ceremony stands is main's (`Status.stage`);
 * none of this is ceremony state, so the two cannot disagree about it.
 */
export interface ViewState {
  /** The screen open while main holds no ceremony and no acceptance of staged changes. */
  menu: MenuScreen;
  /** Main's answers, kept to be shown: the review of the PSBT loaded, and the signed result. */
  review: ReviewResult | null;
  signed: SignedResult | null;
  error: ShownError | null;
  /**
   * A refused signature is read on the Sign screen, though main has wiped the quorum already (its
   * stage says approved): the officers go back to Key shares when they choose to.
   */
  refusedAtSign: boolean;
  /**
   * Done rather than the signed QR. A view choice: main holds the same signed PSBT for both, and
   * going between them changes nothing main guards or records.
   */
  qrDismissed: boolean;
}

export type ViewEvent =
  | { type: 'open'; screen: MenuScreen }
  | { type: 'ceremonyStarted' }
  | { type: 'reviewed'; review: ReviewResult }
  | { type: 'signed'; signed: SignedResult }
  | { type: 'signRefused'; error: ShownError }
  | { type: 'backToShares' }
  | { type: 'qrDismissed' }
  | { type: 'showAgain' }
  | { type: 'failed'; error: ShownError }
  | { type: 'dismissError' };

export const initialView: ViewState = {
  menu: 'home',
  review: null,
  signed: null,
  error: null,
  refusedAtSign: false,
  qrDismissed: false,
};

/**
 * The screen shown: every ceremony step follows main's stage, and accepting staged changes main's
 * acceptance (Status.acceptance); only outside both does the view's own choice of menu screen count.
 */
export function screenOf(
  stage: CeremonyStage,
  view: ViewState,
  acceptance: MainAcceptanceStep | null = null,
): Screen {
  switch (stage) {
    case 'idle':
      if (acceptance) return acceptance === 'approvals' ? 'acceptApprovals' : 'acceptShares';
      return view.menu;
    case 'scanning':
      return 'scan';
    case 'loaded': // the review is being made in main
    case 'reviewed':
      return 'review';
    case 'approving':
      return 'approvals';
    case 'approved':
      return view.refusedAtSign ? 'signing' : 'shares';
    case 'unlocked':
      return 'signing';
    case 'signed':
      return view.qrDismissed ? 'done' : 'showQr';
  }
}

/** The view's own changes; none of them moves the ceremony, which only main's stage does. */
export function viewReducer(state: ViewState, event: ViewEvent): ViewState {
  switch (event.type) {
    case 'open':
      return { ...initialView, menu: event.screen };
    case 'ceremonyStarted':
      // A ceremony ended (cancelled or finished) comes back to Home.
      return initialView;
    case 'reviewed':
      return { ...state, review: event.review, error: null };
    case 'signed':
      return { ...state, signed: event.signed, refusedAtSign: false, qrDismissed: false, error: null };
    case 'signRefused':
      return { ...state, refusedAtSign: true, error: event.error };
    case 'backToShares':
      return { ...state, refusedAtSign: false, error: null };
    case 'qrDismissed':
      return state.signed ? { ...state, qrDismissed: true, error: null } : state;
    case 'showAgain':
      return { ...state, qrDismissed: false, error: null };
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

/** A review with a policy violation or a refusal on screen is not offered for confirmation. */
export function canConfirmReview(view: ViewState): boolean {
  return view.review !== null && view.review.violations.length === 0 && view.error === null;
}
