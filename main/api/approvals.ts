import type { ApprovalProgress } from '../../src/ipc/models';
import { approverAttemptsLeft } from '../../src/policy/approvers';
import type { ApiContext } from './context';
import { requireConfirmedReview, requireShownReview } from './require';

export function approvalStatus(ctx: ApiContext): ApprovalProgress {
  const ceremony = requireShownReview(ctx);
  const required = ceremony.approvalsRequired();
  return {
    approved: ceremony.approved,
    required,
    candidates: ceremony.approverCandidates(),
    complete: ceremony.approved.length >= required,
    attemptsLeft: approverAttemptsLeft(ctx.dataDir),
  };
}

/** One named approver proves PIN and TOTP code for the PSBT whose review was confirmed (audited by the ceremony). */
export function approve(
  ctx: ApiContext,
  request: { name: string; pin: string; code: string },
): ApprovalProgress {
  requireConfirmedReview(ctx).approve(request);
  return approvalStatus(ctx);
}
