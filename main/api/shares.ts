import { appendAuditEvent } from '../../src/audit/log';
import type { ShareProgress } from '../../src/ipc/models';
import type { ApiContext } from './context';
import { requireApprovals, requireShownReview } from './require';

export function shareWordlist(ctx: ApiContext): string[] {
  return ctx.core.keys.wordlist();
}

/**
 * Takes one SLIP-39 share, typed or scanned. The words stay in main; only progress goes back.
 * Shares are accepted only after the review was shown and the approvals are in.
 */
export function addShare(ctx: ApiContext, request: { words: string[] }): ShareProgress {
  const shown = requireShownReview(ctx);
  requireApprovals(ctx, shown);
  ctx.session.quorum ??= ctx.core.keys.createQuorum();
  const progress = ctx.session.quorum.addShare(request.words);
  if (progress.complete && !ctx.session.quorumComplete) {
    ctx.session.quorumComplete = true;
    appendAuditEvent(ctx.dataDir, {
      event: 'quorum-reached',
      wallet: ctx.session.wallet?.name,
      psbtHash: shown.psbtHash,
      details: { shares: progress.sharesSeen },
    });
  }
  return progress;
}
