import { appendAuditEvent } from '../../src/audit/log';
import { isAirlockError } from '../../src/common/errors';
import type { ReviewResult } from '../../src/ipc/models';
import { transferViolations } from '../../src/policy/transfers';
import { parsePsbt } from '../../src/psbt/parse';
import { unsignedTransaction } from '../../src/psbt/review';
import type { ReviewModel } from '../../src/psbt/review-model';
import type { ApiContext } from './context';
import { requirePsbt, requireWallet } from './require';

/** What the audit log keeps of a review: amounts and destinations, never anything secret. */
export function reviewSummary(review: ReviewModel): Record<string, unknown> {
  const sum = (kind: string) =>
    review.outputs.filter((o) => o.kind === kind).reduce((total, o) => total + o.amount, 0);
  return {
    network: review.network,
    sent: sum('external') + sum('allowed') + sum('transfer'),
    change: sum('change'),
    fee: review.fee,
    destinations: review.outputs.filter((o) => o.kind !== 'change').map((o) => o.address),
    warnings: review.warnings.map((w) => w.code),
  };
}

/**
 * Computes the review of the loaded PSBT in main (never in the UI) and remembers that it was
 * shown; approvals and shares only count for the PSBT whose review was shown.
 */
export async function reviewCurrent(ctx: ApiContext): Promise<ReviewResult> {
  const wallet = requireWallet(ctx);
  const { psbt, psbtHash } = requirePsbt(ctx);
  try {
    const policy = ctx.core.policy.forWallet(ctx.dataDir, wallet);
    const review = await ctx.core.psbt.review({
      psbt,
      wallet,
      registeredWallets: ctx.core.wallets.list(ctx.dataDir),
      ...(policy ? { isAllowedDestination: policy.isAllowedDestination } : {}),
    });
    // Customer and company funds stay apart with or without a policy.
    const violations =
      policy?.violations(review) ?? transferViolations({ wallet, review, policy: null, approvers: [] });
    if (ctx.session.shown?.psbtHash !== psbtHash) ctx.session.approvals.clear();
    ctx.session.shown = { psbtHash, review, violations, policy };
    appendAuditEvent(ctx.dataDir, {
      event: 'review-shown',
      wallet: wallet.name,
      psbtHash,
      summary: reviewSummary(review),
      ...(violations.length > 0 ? { details: { violations: violations.map((v) => v.code) } } : {}),
    });
    return {
      walletName: wallet.name,
      psbtHash,
      txid: unsignedTransaction(parsePsbt(psbt)).getId(),
      review,
      violations,
      approvalsRequired: policy?.approvers.required ?? 0,
    };
  } catch (error) {
    if (isAirlockError(error)) {
      appendAuditEvent(ctx.dataDir, {
        event: 'refused',
        wallet: wallet.name,
        psbtHash,
        outcome: error.code,
        reason: error.message,
      });
    }
    throw error;
  }
}
