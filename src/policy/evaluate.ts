import type { ReviewModel } from '../psbt/review-model';
import type { Policy } from './schema';

export interface PolicyViolation {
  code: string;
  message: string;
}

const btc = (sats: number) => `${(sats / 1e8).toFixed(8)} BTC`;

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
        violations.push({
          code: 'DESTINATION_NOT_ALLOWED',
          message: `output ${i + 1} pays ${output.address ?? 'a script with no address'}, which is not an allowed destination`,
        });
      }
    }
  }
  if (policy.maxPerTransaction !== undefined && sent > policy.maxPerTransaction) {
    violations.push({
      code: 'OVER_TX_LIMIT',
      message: `this transaction sends ${btc(sent)}; the limit per transaction is ${btc(policy.maxPerTransaction)}`,
    });
  }
  if (policy.maxPer24h !== undefined && sentLast24h + sent > policy.maxPer24h) {
    violations.push({
      code: 'OVER_DAILY_LIMIT',
      message: `${btc(sentLast24h)} was signed out in the last 24 hours; with this transaction's ${btc(sent)} it exceeds the limit of ${btc(policy.maxPer24h)}`,
    });
  }
  const fees = policy.fees;
  if (fees && (fees.maxFee !== undefined || fees.maxFeeRate !== undefined) && review.fee === null) {
    violations.push({
      code: 'FEE_UNKNOWN',
      message: 'the fee cannot be checked against the policy because an input amount is missing',
    });
  }
  if (fees?.maxFee !== undefined && review.fee !== null && review.fee > fees.maxFee) {
    violations.push({
      code: 'FEE_TOO_HIGH',
      message: `the fee of ${btc(review.fee)} is above the cap of ${btc(fees.maxFee)}`,
    });
  }
  if (fees?.maxFeeRate !== undefined && review.feeRate !== null && review.feeRate > fees.maxFeeRate) {
    violations.push({
      code: 'FEE_RATE_TOO_HIGH',
      message: `the fee rate of ${review.feeRate.toFixed(1)} sat/vB is above the cap of ${fees.maxFeeRate} sat/vB`,
    });
  }
  if (policy.approvals) {
    const named = new Set(policy.approvals.approvers);
    for (const name of approvers) {
      if (!named.has(name))
        violations.push({ code: 'UNKNOWN_APPROVER', message: `${name} is not an approver of this wallet` });
    }
    const valid = new Set(approvers.filter((n) => named.has(n)));
    if (valid.size < policy.approvals.required) {
      violations.push({
        code: 'APPROVALS_MISSING',
        message: `${policy.approvals.required} approvals are required; ${valid.size} given`,
      });
    }
  }
  return violations;
}
