import { createHash } from 'node:crypto';
import { configStatus as statusOf } from '../../src/ceremony/config-ceremony';
import { refused } from '../../src/common/errors';
import type { AcceptanceStep } from '../../src/ipc/models';
import type { ApiContext, ConfigAcceptance } from './context';

type ConfigStatus = ReturnType<typeof statusOf>;
type ApprovalsNeeded = ConfigStatus['approvalsNeeded'];

/** What an acceptance is for: the staged changes, and before the first seal everything it will seal. */
export function acceptanceKey(status: ConfigStatus): string {
  if (status.sealed) return status.changesHash;
  return createHash('sha256')
    .update(`airlock/first-seal/v1\n${JSON.stringify([status.changesHash, status.toBeSealed])}`)
    .digest('hex');
}

/** Every wallet's sealed policy has as many of its approvers among those who approved as it requires. */
export function approvalsMet(needs: ApprovalsNeeded, approved: readonly string[]): boolean {
  return needs.every(
    (need) => need.approvers.filter((name) => approved.includes(name)).length >= need.required,
  );
}

export function endAcceptance(ctx: ApiContext): void {
  ctx.configAcceptance?.quorum?.cancel();
  ctx.configAcceptance = null;
}

/**
 * The acceptance opened for the changes staged now, or null. One opened for another set of changes
 * (one was staged or rejected since, here or by the CLI) is dropped, its shares wiped.
 */
export function currentAcceptance(ctx: ApiContext, status: ConfigStatus): ConfigAcceptance | null {
  if (ctx.configAcceptance && ctx.configAcceptance.boundTo !== acceptanceKey(status)) endAcceptance(ctx);
  return ctx.configAcceptance;
}

/** The acceptance an approval or a share belongs to: one must have been opened (startAcceptance). */
export function openAcceptance(ctx: ApiContext, status: ConfigStatus): ConfigAcceptance {
  const acceptance = currentAcceptance(ctx, status);
  if (!acceptance)
    throw refused(
      'ACCEPTANCE_NOT_STARTED',
      'no acceptance of the staged changes is under way; start one first',
    );
  return acceptance;
}

/** Where the acceptance main holds stands, for the renderer to show: approvals first, then the shares. */
export function acceptanceStep(ctx: ApiContext): AcceptanceStep | null {
  if (!ctx.configAcceptance) return null;
  const status = statusOf(ctx.dataDir);
  const acceptance = currentAcceptance(ctx, status);
  if (!acceptance) return null;
  return approvalsMet(status.approvalsNeeded, acceptance.approved) ? 'shares' : 'approvals';
}
