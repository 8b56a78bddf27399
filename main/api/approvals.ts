import { appendAuditEvent } from '../../src/audit/log';
import { isAirlockError, refused } from '../../src/common/errors';
import type { ApprovalProgress } from '../../src/ipc/models';
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
  const audit = { wallet: ctx.session.wallet?.name, psbtHash: shown.psbtHash, approvers: [request.name] };
  try {
    shown.policy.approve({ ...request, psbtHash: shown.psbtHash });
  } catch (error) {
    appendAuditEvent(ctx.dataDir, {
      event: 'approval-refused',
      ...audit,
      outcome: isAirlockError(error) ? error.code : 'INTERNAL',
    });
    throw error;
  }
  ctx.session.approvals.add(request.name);
  appendAuditEvent(ctx.dataDir, { event: 'approval', ...audit, outcome: 'approved' });
  return approvalStatus(ctx);
}
