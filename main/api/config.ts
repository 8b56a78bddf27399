import {
  enrolOrStageApprover,
  stageApproverRemoval,
  unlockOrStageApprover,
} from '../../src/ceremony/approver-changes';
import { describePolicy, readChanges, stageChange } from '../../src/ceremony/changes';
import {
  acceptChanges as acceptStaged,
  rejectChanges as rejectStaged,
  configStatus as statusOf,
} from '../../src/ceremony/config-ceremony';
import { recordEvent } from '../../src/ceremony/events';
import { setOrStageWalletOwner } from '../../src/ceremony/registration';
import { formatHead, readSeal } from '../../src/ceremony/seal';
import { wipe } from '../../src/common/bytes';
import { refused } from '../../src/common/errors';
import type { ConfigStatusView, PolicyView, Status } from '../../src/ipc/models';
import { approvePsbt } from '../../src/policy/approvers';
import type { PolicyViolation } from '../../src/policy/evaluate';
import { parsePolicy } from '../../src/policy/load';
import { walletId } from '../../src/wallet/identity';
import type { ApiContext } from './context';
import { requireShownReview } from './require';
import { getStatus } from './status';

/** The Changes screen: the seal, what differs from it, and the staged changes. */
export function configStatus(ctx: ApiContext): ConfigStatusView {
  const { sealed, sealedBy, head, differences, changes, toBeSealed, approvalsNeeded } = statusOf(ctx.dataDir);
  return {
    sealed,
    sealedBy,
    head: head ? formatHead(head) : null,
    differences,
    changes,
    toBeSealed,
    approvalsNeeded,
  };
}

/** The quorum (its shares, given here) and the approvals the sealed policies ask for accept and re-seal. */
export function acceptChanges(
  ctx: ApiContext,
  request: {
    shares: Uint16Array[];
    approvals?: Array<{ name: string; pin: string; code: string }>;
    includeDifferences?: true;
  },
): ConfigStatusView {
  const { changesHash } = statusOf(ctx.dataDir);
  const approvals = request.approvals ?? [];
  const whileSealBroken = request.includeDifferences ?? false;
  for (const proof of approvals) approvePsbt(ctx.dataDir, { proof, psbtHash: changesHash, whileSealBroken });
  const seed = ctx.core.keys.combineShares(request.shares);
  try {
    acceptStaged({
      dataDir: ctx.dataDir,
      withSeed: (use) => use(seed),
      approved: approvals.map((a) => a.name),
      includeDifferences: request.includeDifferences ?? false,
    });
  } finally {
    wipe(seed);
  }
  return configStatus(ctx);
}

export function rejectChanges(ctx: ApiContext): ConfigStatusView {
  rejectStaged(ctx.dataDir);
  return configStatus(ctx);
}

/** The operator asks to sign while a network is up (staged for the quorum), or withdraws it (at once). */
export function overrideAirgap(ctx: ApiContext, request: { reason: string; withdraw?: true }): Status {
  if (request.withdraw) ctx.airgap.withdrawOverride({ reason: request.reason });
  else ctx.airgap.requestOverride({ reason: request.reason, source: 'operator' });
  return getStatus(ctx);
}

function selectedWallet(ctx: ApiContext) {
  const wallet = ctx.session.wallet;
  if (!wallet) throw refused('NO_WALLET', 'choose a registered wallet first');
  return wallet;
}

export function policyView(ctx: ApiContext): PolicyView {
  const wallet = selectedWallet(ctx);
  const id = walletId(wallet);
  const seal = readSeal(ctx.dataDir);
  const sealed = seal && seal !== 'unreadable' ? (seal.configuration.wallets[id]?.policy ?? null) : null;
  const staged = readChanges(ctx.dataDir).find((c) => c.kind === 'policy' && c.walletId === id);
  const stagedPolicy = staged?.kind === 'policy' ? staged.policy : undefined;
  return {
    wallet: wallet.name,
    sealed: sealed ? JSON.stringify(sealed, null, 2) : null,
    sealedInWords: describePolicy(sealed),
    staged: stagedPolicy ? JSON.stringify(stagedPolicy, null, 2) : null,
    stagedInWords: stagedPolicy === undefined ? null : describePolicy(stagedPolicy),
  };
}

function draftFor(ctx: ApiContext, text: string) {
  const wallet = selectedWallet(ctx);
  const policy = parsePolicy(text, 'the draft policy');
  if (policy.wallet !== wallet.name)
    throw refused('POLICY_WRONG_WALLET', `the policy is for wallet ${policy.wallet}, not ${wallet.name}`);
  return { wallet, policy };
}

export function stagePolicy(ctx: ApiContext, request: { text: string }): ConfigStatusView {
  const { wallet, policy } = draftFor(ctx, request.text);
  const id = walletId(wallet);
  stageChange(ctx.dataDir, { kind: 'policy', walletId: id, wallet: wallet.name, policy });
  recordEvent(ctx.dataDir, { event: 'policy-staged', wallet: wallet.name, walletId: id });
  return configStatus(ctx);
}

export function testDrivePolicy(ctx: ApiContext, request: { text: string }): PolicyViolation[] {
  const { policy } = draftFor(ctx, request.text);
  return requireShownReview(ctx).testDrive(policy);
}

/**
 * Enrols an approver; the otpauth:// URI is returned once, for the QR their authenticator scans. On
 * a sealed device the record is staged: the approver counts once a quorum accepts it.
 */
export function enrolApprover(ctx: ApiContext, request: { name: string; pin: string }): { uri: string } {
  return { uri: enrolOrStageApprover(ctx.dataDir, request).uri };
}

/** A wallet's owner class: set at once before the first seal, staged for the quorum after it. */
export function setWalletOwner(
  ctx: ApiContext,
  request: { name: string; owner: 'customer' | 'company' },
): ConfigStatusView {
  setOrStageWalletOwner(ctx.dataDir, request);
  return configStatus(ctx);
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
