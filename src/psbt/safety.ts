import type { PolicyViolation } from '../policy/evaluate';
import type { ReviewModel } from './review-model';
import { listIndexes, WARNING } from './warnings';

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
    violations.push({
      code: 'UNPROVEN_AMOUNT',
      message: `${listIndexes('input', unproven)}: the amount is not proven by the previous transaction (witness UTXO only), so a coordinator could lie about it and turn coins into fee (the segwit fee attack); the wallet's sealed policy does not allow unproven amounts`,
    });
  }
  for (const w of review.warnings) {
    if (w.code === WARNING.FOREIGN_CHANGE)
      violations.push({
        code: 'FRAUDULENT_CHANGE',
        message: `${w.message.replace(/; treated as external$/, '')}: refused`,
      });
  }
  return violations;
}
