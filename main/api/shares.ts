import { recordEvent } from '../../src/ceremony/events';
import type { ShareProgress } from '../../src/ipc/models';
import type { ApiContext } from './context';
import { requireApprovals, requireConfirmedReview } from './require';

export function shareWordlist(ctx: ApiContext): string[] {
  return ctx.core.keys.wordlist();
}

/**
 * Takes one SLIP-39 share, typed or scanned, as its word indices (the handlers zero the array once
 * the call is done). The share stays in main; only progress goes back. Shares are accepted only
 * after the review was confirmed and the approvals are in.
 */
export function addShare(ctx: ApiContext, request: { indices: Uint16Array }): ShareProgress {
  const ceremony = requireConfirmedReview(ctx);
  requireApprovals(ceremony);
  const wasComplete = ctx.session.quorum?.complete() ?? false;
  ctx.session.quorum ??= ctx.core.keys.createQuorum({
    // The idle wipe is audited; the status then no longer says unlocked.
    onIdleWipe: () =>
      recordEvent(ctx.dataDir, {
        event: 'quorum-wiped',
        reason: 'idle',
        wallet: ceremony.wallet.name,
        walletId: ceremony.walletId,
      }),
  });
  const progress = ctx.session.quorum.addShare(request.indices);
  if (progress.complete && !wasComplete) {
    recordEvent(ctx.dataDir, {
      event: 'quorum-reached',
      wallet: ceremony.wallet.name,
      walletId: ceremony.walletId,
      psbtHash: ceremony.psbtHash ?? undefined,
      details: { shares: progress.sharesSeen },
    });
  }
  return progress;
}
