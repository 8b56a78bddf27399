import type { ReviewModel } from '../psbt/review-model';
import type { Policy } from './schema';
import { type PolicyViolation, violation } from './violations';

export type { PolicyViolation } from './violations';

/**
 * Every rule the transaction breaks (DESIGN §6). Signing is refused when the list is not empty; the
 * UI and CLI show each violation. `approvers` are the names whose PIN and code were already proven.
 */
export function evaluatePolicy({
  policy,
  review,
  sentLast24h,
  approvers,
}: {
  policy: Policy;
  review: ReviewModel;
  sentLast24h: number;
  approvers: readonly string[];
}): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  // A proof of reserves or a signed message pays nobody: it can never be confirmed.
  const payment = review.purpose === undefined;
  const sent = payment
    ? review.outputs.filter((o) => o.kind !== 'change').reduce((total, o) => total + o.amount, 0)
    : 0;
  if (policy.allowedDestinations && payment) {
    for (const [i, output] of review.outputs.entries()) {
      if (output.kind === 'external') {
        violations.push(violation('DESTINATION_NOT_ALLOWED', { output: i, address: output.address }));
      }
    }
  }
  if (policy.maxPerTransaction !== undefined && sent > policy.maxPerTransaction) {
    violations.push(violation('OVER_TX_LIMIT', { sent, limit: policy.maxPerTransaction }));
  }
  if (policy.maxPer24h !== undefined && sentLast24h + sent > policy.maxPer24h) {
    violations.push(
      violation('OVER_DAILY_LIMIT', { signedBefore: sentLast24h, sent, limit: policy.maxPer24h }),
    );
  }
  const fees = policy.fees;
  if (fees && (fees.maxFee !== undefined || fees.maxFeeRate !== undefined) && review.fee === null) {
    violations.push(violation('FEE_UNKNOWN', {}));
  }
  if (fees?.maxFee !== undefined && review.fee !== null && review.fee > fees.maxFee) {
    violations.push(violation('FEE_TOO_HIGH', { fee: review.fee, cap: fees.maxFee }));
  }
  if (fees?.maxFeeRate !== undefined && review.feeRate !== null && review.feeRate > fees.maxFeeRate) {
    violations.push(violation('FEE_RATE_TOO_HIGH', { feeRate: review.feeRate, cap: fees.maxFeeRate }));
  }
  if (policy.approvals) {
    const named = new Set(policy.approvals.approvers);
    for (const name of approvers) {
      if (!named.has(name)) violations.push(violation('UNKNOWN_APPROVER', { approver: name }));
    }
    const valid = new Set(approvers.filter((n) => named.has(n)));
    if (valid.size < policy.approvals.required) {
      violations.push(
        violation('APPROVALS_MISSING', { required: policy.approvals.required, given: valid.size }),
      );
    }
  }
  return violations;
}
