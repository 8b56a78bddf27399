import { recordEvent } from '../../src/ceremony/events';
import type { Status } from '../../src/ipc/models';
import type { ApiContext } from './context';
import { requireShownReview } from './require';
import { getStatus } from './status';

/**
 * The officers confirm the review on screen: the ceremony moves on to the approvals (or, when the
 * policy asks for none, the shares). The policy gate is not asked here: it refuses at Sign, before
 * the key is rebuilt and again after the seal is verified (the screen offers no confirmation of a
 * review it shows refused).
 */
export function confirmReview(ctx: ApiContext): Status {
  const ceremony = requireShownReview(ctx);
  const hash = ceremony.psbtHash as string;
  if (ctx.session.confirmedHash !== hash) {
    ctx.session.confirmedHash = hash;
    recordEvent(ctx.dataDir, {
      event: 'review-confirmed',
      wallet: ceremony.wallet.name,
      walletId: ceremony.walletId,
      psbtHash: hash,
    });
  }
  return getStatus(ctx);
}
