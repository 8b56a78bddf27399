import type { ReviewModel } from '../psbt/review-model';
import type { Wallet } from '../wallet/types';
import type { Policy } from './schema';
import { type PolicyViolation, violation } from './violations';

/**
 * Customer and company funds apart: every transfer to a registered wallet of another owner class, or
 * from or to a wallet with none, is refused unless the policy lists that wallet under
 * crossOwnerTransfers, and then only with the approvals it names. Applies with or without a policy.
 */
export function transferViolations({
  wallet,
  review,
  policy,
  approvers,
}: {
  wallet: Wallet;
  review: ReviewModel;
  policy: Policy | null;
  /** Names whose PIN and code were proven for this PSBT. */
  approvers: readonly string[];
}): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const allowed = policy?.crossOwnerTransfers;
  for (const [i, output] of review.outputs.entries()) {
    if (output.kind !== 'transfer' || !output.wallet) continue;
    const from = wallet.owner ?? null;
    const to = output.owner ?? null;
    if (from !== null && from === to) continue;
    if (!allowed?.to.includes(output.wallet)) {
      violations.push(violation('CROSS_OWNER_TRANSFER', { output: i, from, to, wallet: output.wallet }));
      continue;
    }
    const needed = allowed.approvals;
    const given = needed ? approvers.filter((n) => needed.approvers.includes(n)).length : 0;
    if (needed && given < needed.required) {
      violations.push(
        violation('CROSS_OWNER_APPROVALS_MISSING', {
          output: i,
          from,
          to,
          wallet: output.wallet,
          required: needed.required,
          approvers: needed.approvers,
          given,
        }),
      );
    }
  }
  return violations;
}
