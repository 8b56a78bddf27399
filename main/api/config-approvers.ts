import {
  enrolOrStageApprover,
  stageApproverRemoval,
  unlockOrStageApprover,
} from '../../src/ceremony/approver-changes';
import { readChanges } from '../../src/ceremony/changes';
import type { ApproverView, ConfigStatusView } from '../../src/ipc/models';
import { approverAttemptsLeft } from '../../src/policy/approvers';
import { configStatus } from './config';
import type { ApiContext } from './context';

/** The Approvers screen: who is enrolled, who is staged to be enrolled, removed or unlocked, who is locked. */
export function listApprovers(ctx: ApiContext): ApproverView[] {
  const attempts = approverAttemptsLeft(ctx.dataDir);
  const staged = new Map<string, 'enrol' | 'remove' | 'unlock'>();
  for (const change of readChanges(ctx.dataDir)) {
    if (change.kind === 'approver-enrol') staged.set(change.name, 'enrol');
    if (change.kind === 'approver-remove') staged.set(change.name, 'remove');
    if (change.kind === 'approver-unlock') staged.set(change.name, 'unlock');
  }
  const names = [...new Set([...Object.keys(attempts), ...staged.keys()])].sort();
  return names.map((name) => ({
    name,
    enrolled: name in attempts,
    staged: staged.get(name) ?? null,
    attemptsLeft: attempts[name] ?? null,
  }));
}

/**
 * Enrols an approver; the otpauth:// URI is returned once, for the QR their authenticator scans. On
 * a sealed device the record is staged: the approver counts once a quorum accepts it.
 */
export function enrolApprover(ctx: ApiContext, request: { name: string; pin: string }): { uri: string } {
  return { uri: enrolOrStageApprover(ctx.dataDir, request).uri };
}

/** Stages an approver's removal for the quorum. */
export function removeApprover(ctx: ApiContext, request: { name: string }): ConfigStatusView {
  stageApproverRemoval(ctx.dataDir, request.name);
  return configStatus(ctx);
}

/**
 * Another approver, with PIN and code, asks to unlock one locked after failed attempts; once sealed
 * the unlock is a change the quorum accepts (failures are read from the audit log, not a file).
 */
export function unlockApproverBy(
  ctx: ApiContext,
  request: { name: string; by: { name: string; pin: string; code: string } },
): { unlocked: string; staged: boolean } {
  const { staged } = unlockOrStageApprover(ctx.dataDir, { name: request.name, by: request.by });
  return { unlocked: request.name, staged };
}
