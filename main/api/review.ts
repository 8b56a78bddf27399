import type { ReviewResult } from '../../src/ipc/models';
import { sharedChildKeyPool } from '../../src/keys/ckd-pool';
import type { ApiContext } from './context';
import { requireCeremony } from './require';

/**
 * The ceremony's one analysis of the loaded PSBT, in main (never in the UI), under the wallet's sealed
 * policy; approvals and shares only count for the PSBT whose review was shown.
 */
export async function reviewCurrent(ctx: ApiContext): Promise<ReviewResult> {
  const ceremony = requireCeremony(ctx);
  const { review, violations } = await ceremony.reviewPsbt(sharedChildKeyPool());
  ctx.session.shownHash = ceremony.psbtHash;
  return {
    walletName: ceremony.wallet.name,
    psbtHash: ceremony.psbtHash as string,
    txid: ceremony.txid as string,
    review,
    violations,
    approvalsRequired: ceremony.approvalsRequired(),
  };
}
