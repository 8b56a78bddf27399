import type { ReviewModel, ReviewPurpose } from './review-model';

/** The few numbers of a review that audit entries and notes record. */
export interface ReviewSummary {
  inputs: number;
  outputs: number;
  /** Satoshis leaving the wallet: external, allowed and transfer outputs. */
  sent: number;
  change: number;
  fee: number | null;
  feeRate: number | null;
  signaturesPresent: number;
  signaturesRequired: number;
  warnings: string[];
  /** Where the sent satoshis go, for the daily reconciliation report. */
  destinations: Array<{ address: string | null; amount: number; wallet?: string; owner?: string | null }>;
  /** A proof of reserves or a signed message: nothing was sent. */
  purpose?: ReviewPurpose;
}

export function summarizeReview(review: ReviewModel): ReviewSummary {
  // A proof of reserves or a signed message moves nothing, whatever its outputs say.
  const payment = review.purpose === undefined;
  const paid = review.outputs.filter((o) => payment && o.kind !== 'change');
  const sum = (kinds: string[]) =>
    paid.filter((o) => kinds.includes(o.kind)).reduce((total, o) => total + o.amount, 0);
  return {
    inputs: review.inputs.length,
    outputs: review.outputs.length,
    sent: sum(['external', 'allowed', 'transfer']),
    change: review.outputs.filter((o) => o.kind === 'change').reduce((total, o) => total + o.amount, 0),
    fee: review.fee,
    feeRate: review.feeRate,
    signaturesPresent: review.signatures.present,
    signaturesRequired: review.signatures.required,
    warnings: review.warnings.map((w) => w.code),
    destinations: paid.map((o) => ({
      address: o.address,
      amount: o.amount,
      ...(o.kind === 'transfer' ? { wallet: o.wallet, owner: o.owner ?? null } : {}),
    })),
    ...(review.purpose ? { purpose: review.purpose } : {}),
  };
}
