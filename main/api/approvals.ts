import { refused } from '../../src/common/errors';
import type { ApprovalProgress } from '../../src/ipc/models';
import { approverAttemptsLeft } from '../../src/policy/approvers';
import type { ApiContext } from './context';
import { requireShownReview } from './require';

export function approvalStatus(ctx: ApiContext): ApprovalProgress {
  const shown = requireShownReview(ctx);
  const required = shown.policy?.approvers.required ?? 0;
  const approved = [...ctx.session.approvals];
  return {
    approved,
    required,
    candidates: shown.policy?.approvers.candidates ?? [],
    complete: approved.length >= required,
    attemptsLeft: approverAttemptsLeft(ctx.dataDir),
  };
}

/** One named approver proves PIN and TOTP code for the PSBT whose review is on screen. */
export function approve(
  ctx: ApiContext,
  request: { name: string; pin: string; code: string },
): ApprovalProgress {
  const shown = requireShownReview(ctx);
  if (!shown.policy || shown.policy.approvers.required === 0) {
    throw refused('NO_APPROVALS_NEEDED', 'this wallet has no approvers in its policy');
  }
  if (ctx.session.approvals.has(request.name)) {
    throw refused('ALREADY_APPROVED', `${request.name} has already approved this transaction`);
  }
  const candidates = shown.policy.approvers.candidates;
  if (candidates.length > 0 && !candidates.includes(request.name)) {
    throw refused('APPROVER_NOT_IN_POLICY', `${request.name} is not an approver of this wallet`);
  }
  // The policy module checks both factors and writes the approval (or the failure) to the audit log.
  shown.policy.approve({ ...request, psbtHash: shown.psbtHash });
  ctx.session.approvals.add(request.name);
  return approvalStatus(ctx);
}
