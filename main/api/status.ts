import type { Status } from '../../src/ipc/models';
import { acceptanceStep } from './acceptance';
import type { ApiContext } from './context';
import { walletSummary } from './wallets';

export function getStatus(ctx: ApiContext): Status {
  return {
    appVersion: ctx.appVersion,
    airgap: ctx.airgap.status(),
    wallet: ctx.session.wallet ? walletSummary(ctx.session.wallet) : null,
    stage: ctx.session.stage(),
    acceptance: acceptanceStep(ctx),
  };
}
