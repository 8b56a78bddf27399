import { refused } from '../../src/common/errors';
import type { Wallet } from '../../src/wallet/types';
import type { ApiContext } from './context';
import type { ShownReview } from './session';

/** Named preconditions of each ceremony step, so a renderer cannot skip one. */

export function requireWallet(ctx: ApiContext): Wallet {
  const wallet = ctx.session.wallet;
  if (!wallet) throw refused('NO_WALLET', 'choose a registered wallet first');
  return wallet;
}

export function requirePsbt(ctx: ApiContext): { psbt: Uint8Array; psbtHash: string } {
  const { psbt, psbtHash } = ctx.session;
  if (!psbt || !psbtHash) throw refused('NO_PSBT', 'scan or open a transaction first');
  return { psbt, psbtHash };
}

/** The review shown must be of the very bytes loaded now. */
export function requireShownReview(ctx: ApiContext): ShownReview {
  const { psbtHash } = requirePsbt(ctx);
  const shown = ctx.session.shown;
  if (!shown || shown.psbtHash !== psbtHash) {
    throw refused('REVIEW_NOT_SHOWN', 'the transaction must be reviewed on screen first');
  }
  return shown;
}

export function requireApprovals(ctx: ApiContext, shown: ShownReview): void {
  const required = shown.policy?.approvers.required ?? 0;
  if (ctx.session.approvals.size < required) {
    throw refused(
      'APPROVALS_MISSING',
      `${required - ctx.session.approvals.size} more approval(s) are needed before signing`,
    );
  }
}
