import { recordEvent } from '../../src/ceremony/events';
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
