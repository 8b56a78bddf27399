import type { ReviewResult } from '../../src/ipc/models';
import { sharedChildKeyPool } from '../../src/keys/ckd-pool';
import { prepareTransferTargets, transferCandidates } from '../../src/psbt/transfers';
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

/**
 * While the PSBT is being scanned: start the derivation workers, and derive the other registered
 * wallets' first addresses that the review compares outputs with, so the review after the last frame
 * does neither. Only a cache is filled; the review derives whatever is not ready itself.
 */
export function prepareReviewAhead(ctx: ApiContext): void {
  const wallet = ctx.session.wallet;
  if (!wallet) return;
  const pool = sharedChildKeyPool();
  pool.warm();
  prepareTransferTargets(transferCandidates(ctx.core.wallets.list(ctx.dataDir), wallet), pool).catch(
    () => undefined,
  );
}
