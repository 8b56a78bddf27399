import type { SigningCeremony } from '../../src/ceremony/signing-ceremony';
import { refused } from '../../src/common/errors';
import type { Wallet } from '../../src/wallet/types';
import type { ApiContext } from './context';

/** Named preconditions of each ceremony step, so a renderer cannot skip one. */

export function requireWallet(ctx: ApiContext): Wallet {
  const wallet = ctx.session.wallet;
  if (!wallet) throw refused('NO_WALLET', 'choose a registered wallet first');
  return wallet;
}

export function requireCeremony(ctx: ApiContext): SigningCeremony {
  const ceremony = ctx.session.ceremony;
  if (!ceremony?.psbtHash) throw refused('NO_PSBT', 'scan or open a transaction first');
  return ceremony;
}

/** The review shown must be of the very bytes loaded now. */
export function requireShownReview(ctx: ApiContext): SigningCeremony {
  const ceremony = requireCeremony(ctx);
  if (!ceremony.review || ctx.session.shownHash !== ceremony.psbtHash) {
    throw refused('REVIEW_NOT_SHOWN', 'the transaction must be reviewed on screen first');
  }
  return ceremony;
}

/** The officers confirmed the review shown: approvals and shares before it are refused. */
export function requireConfirmedReview(ctx: ApiContext): SigningCeremony {
  const ceremony = requireShownReview(ctx);
  if (ctx.session.confirmedHash !== ceremony.psbtHash)
    throw refused('REVIEW_NOT_CONFIRMED', 'the review on screen must be confirmed first');
  return ceremony;
}

export function requireApprovals(ceremony: SigningCeremony): void {
  const missing = ceremony.approvalsRequired() - ceremony.approved.length;
  if (missing > 0)
    throw refused('APPROVALS_MISSING', `${missing} more approval(s) are needed before signing`);
}
