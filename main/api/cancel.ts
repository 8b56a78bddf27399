import { recordEvent } from '../../src/ceremony/events';
import { refused } from '../../src/common/errors';
import type { Status } from '../../src/ipc/models';
import type { ApiContext } from './context';
import { getStatus } from './status';

/** Ends the ceremony: the PSBT, approvals and any shares entered are dropped and wiped. */
export function cancelCeremony(ctx: ApiContext): Status {
  const stage = ctx.session.stage();
  if (stage !== 'idle') {
    recordEvent(ctx.dataDir, {
      event: 'ceremony-cancelled',
      wallet: ctx.session.wallet?.name,
      psbtHash: ctx.session.ceremony?.psbtHash ?? undefined,
      details: { stage },
    });
  }
  ctx.session.reset();
  return getStatus(ctx);
}

/**
 * The officers leave a signed ceremony once its PSBT was shown: main drops it. Not audited, the
 * signature is; refused before signing, where leaving is a cancellation and audited as one.
 */
export function finishCeremony(ctx: ApiContext): Status {
  if (ctx.session.stage() !== 'signed')
    throw refused('NOT_SIGNED', 'nothing has been signed in this ceremony yet; cancel it instead');
  ctx.session.reset();
  return getStatus(ctx);
}
