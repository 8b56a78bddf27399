import { type PolicyViolation, violation } from '../policy/violations';
import type { ReviewModel } from './review-model';
import { WARNING } from './warnings';

/**
 * Rules that refuse a signature unless the wallet's sealed policy says otherwise (DESIGN §5): amounts
 * a coordinator could lie about, and change that claims our keys but is not ours.
 */
export function refusedByDefault(
  review: ReviewModel,
  { allowUnprovenAmounts = false }: { allowUnprovenAmounts?: boolean } = {},
): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const unproven = review.inputs.flatMap((input, i) => (input.ours && !input.amountProven ? [i] : []));
  if (unproven.length > 0 && !allowUnprovenAmounts) {
    violations.push(violation('UNPROVEN_AMOUNT', { inputs: unproven }));
  }
  for (const w of review.warnings) {
    if (w.code === WARNING.FOREIGN_CHANGE) violations.push(violation('FRAUDULENT_CHANGE', w.params));
  }
  return violations;
}
