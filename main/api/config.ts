import { type Change, readChanges } from '../../src/ceremony/changes';
import {
  acceptChanges as acceptStaged,
  rejectChanges as rejectStaged,
  configStatus as statusOf,
} from '../../src/ceremony/config-ceremony';
import {
  type Configuration,
  readDiskConfiguration,
  sealableConfiguration,
} from '../../src/ceremony/configuration';
import { recordEvent } from '../../src/ceremony/events';
import { setOrStageWalletOwner } from '../../src/ceremony/registration';
import { deletedSeal, formatHead, readSeal } from '../../src/ceremony/seal';
import { wipe } from '../../src/common/bytes';
import { refused } from '../../src/common/errors';
import type {
  ApprovalProgress,
  ConfigItem,
  ConfigStatusView,
  ShareProgress,
  Status,
} from '../../src/ipc/models';
import { type ApprovalProof, approvePsbt, approverAttemptsLeft } from '../../src/policy/approvers';
import type { Wallet } from '../../src/wallet/types';
import { acceptanceKey, approvalsMet, currentAcceptance, endAcceptance, openAcceptance } from './acceptance';
import type { ApiContext } from './context';
import { getStatus } from './status';

function walletItem(registration: Wallet, withoutDeviceKey: boolean): ConfigItem {
  return {
    kind: 'wallet',
    wallet: registration.name,
    network: registration.network,
    scriptType: registration.scriptType,
    threshold: registration.threshold,
    cosigners: registration.cosigners.length,
    ...(registration.owner ? { owner: registration.owner } : {}),
    withoutDeviceKey,
  };
}

/** A staged change as data; an approver's record (public, but no one's business on screen) stays in main. */
function changeItem(change: Change): ConfigItem {
  switch (change.kind) {
    case 'wallet':
      return walletItem(change.registration, change.withoutDeviceKey);
    case 'policy':
      return { kind: 'policy', wallet: change.wallet, policy: change.policy };
    case 'approver-enrol':
    case 'approver-remove':
      return { kind: change.kind, name: change.name };
    case 'approver-unlock':
      return { kind: 'approver-unlock', name: change.name, by: change.by };
    case 'airgap':
      return { kind: 'airgap', settings: change.settings };
    case 'wallet-owner':
      return { kind: 'wallet-owner', wallet: change.wallet, owner: change.owner };
  }
}

/** Everything a first seal covers, in the order `config status` lists it. */
function configurationItems(configuration: Configuration): ConfigItem[] {
  return [
    ...Object.values(configuration.wallets).flatMap((w): ConfigItem[] => [
      walletItem(w.registration, false),
      { kind: 'policy', wallet: w.name, policy: w.policy },
    ]),
    ...Object.keys(configuration.approvers).map((name): ConfigItem => ({ kind: 'approver-enrol', name })),
    { kind: 'airgap', settings: configuration.airgap },
  ];
}

/** The configuration in force: the seal's copy, or before the first seal what it will seal. */
export function configurationInForce(dataDir: string): { configuration: Configuration; sealed: boolean } {
  const seal = readSeal(dataDir);
  if (seal && seal !== 'unreadable') return { configuration: seal.configuration, sealed: true };
  return { configuration: sealableConfiguration(readDiskConfiguration(dataDir)), sealed: false };
}

/** The Changes screen: the seal, what differs from it, and the staged changes. */
export function configStatus(ctx: ApiContext): ConfigStatusView {
  const status = statusOf(ctx.dataDir);
  const { configuration } = configurationInForce(ctx.dataDir);
  // A seal deleted is no new device: the audit log remembers it, and signing refuses until a quorum seals again.
  const sealDeleted = readSeal(ctx.dataDir) === null ? deletedSeal(ctx.dataDir) : null;
  return {
    sealed: status.sealed,
    sealedBy: status.sealedBy,
    head: status.head ? formatHead(status.head) : null,
    differences: sealDeleted ? [sealDeleted, ...status.differenceItems] : status.differenceItems,
    changes: status.changes,
    toBeSealed: status.toBeSealed,
    approvalsNeeded: status.approvalsNeeded,
    changeItems: readChanges(ctx.dataDir).map(changeItem),
    toBeSealedItems: status.sealed ? [] : configurationItems(configuration),
    airgap: configuration.airgap,
    approvedBy: currentAcceptance(ctx, status)?.approved ?? [],
  };
}

/** Who must approve the staged changes and who has, for the Approvals screen. */
export function configApprovalStatus(ctx: ApiContext): ApprovalProgress {
  const status = statusOf(ctx.dataDir);
  const approved = currentAcceptance(ctx, status)?.approved ?? [];
  const needs = status.approvalsNeeded;
  return {
    approved,
    required: needs.reduce((most, need) => Math.max(most, need.required), 0),
    candidates: [...new Set(needs.flatMap((need) => need.approvers))],
    complete: approvalsMet(needs, approved),
    attemptsLeft: approverAttemptsLeft(ctx.dataDir),
  };
}

/**
 * Opens the acceptance of the changes staged now, approvals first when the sealed policies ask for
 * them; one opened before is dropped, its shares wiped. Not while a signing ceremony is held.
 */
export function startAcceptance(ctx: ApiContext, request: { includeDifferences?: true }): Status {
  if (ctx.session.stage() !== 'idle')
    throw refused('CEREMONY_UNDER_WAY', 'a signing ceremony is under way: finish or cancel it first');
  const status = statusOf(ctx.dataDir);
  if (status.sealed && status.changes.length === 0 && status.differences.length === 0)
    throw refused('NO_CHANGES', 'there is nothing to accept: no change is staged');
  endAcceptance(ctx);
  ctx.configAcceptance = {
    boundTo: acceptanceKey(status),
    approved: [],
    quorum: null,
    includeDifferences: request.includeDifferences ?? false,
  };
  return getStatus(ctx);
}

/** One approver of the staged changes proves PIN and code, bound to the changes' hash (audited). */
export function approveChanges(ctx: ApiContext, proof: ApprovalProof): ApprovalProgress {
  const status = statusOf(ctx.dataDir);
  const acceptance = openAcceptance(ctx, status);
  if (!status.approvalsNeeded.some((need) => need.approvers.includes(proof.name)))
    throw refused('APPROVER_NOT_IN_POLICY', `${proof.name} is not an approver these changes need`);
  if (acceptance.approved.includes(proof.name))
    throw refused('ALREADY_APPROVED', `${proof.name} has already approved these changes`);
  approvePsbt(ctx.dataDir, {
    proof,
    psbtHash: status.changesHash,
    whileSealBroken: acceptance.includeDifferences,
  });
  acceptance.approved.push(proof.name);
  return configApprovalStatus(ctx);
}

/** One share of the quorum accepting the staged changes; the words stay in main, wiped when idle. */
export function addConfigShare(ctx: ApiContext, request: { indices: Uint16Array }): ShareProgress {
  const acceptance = openAcceptance(ctx, statusOf(ctx.dataDir));
  const missing = configApprovalStatus(ctx);
  if (!missing.complete)
    throw refused('APPROVALS_MISSING', 'the approvals these changes need come before the key shares');
  acceptance.quorum ??= ctx.core.keys.createQuorum({
    ...(ctx.idle.timers ? { timers: ctx.idle.timers } : {}),
    onIdleWipe: () => recordEvent(ctx.dataDir, { event: 'quorum-wiped', reason: 'idle' }),
  });
  const wasComplete = acceptance.quorum.complete();
  const progress = acceptance.quorum.addShare(request.indices);
  if (progress.complete && !wasComplete)
    recordEvent(ctx.dataDir, { event: 'quorum-reached', details: { shares: progress.sharesSeen } });
  return progress;
}

/**
 * The quorum and the approvals the sealed policies ask for accept the staged changes and re-seal:
 * the shares and approvals given here, or those entered one at a time on the Changes screen.
 */
export function acceptChanges(
  ctx: ApiContext,
  request: {
    shares?: Uint16Array[];
    approvals?: ApprovalProof[];
    includeDifferences?: true;
  },
): ConfigStatusView {
  try {
    if (request.shares) {
      const includeDifferences = request.includeDifferences ?? false;
      const { changesHash } = statusOf(ctx.dataDir);
      const approvals = request.approvals ?? [];
      for (const proof of approvals)
        approvePsbt(ctx.dataDir, { proof, psbtHash: changesHash, whileSealBroken: includeDifferences });
      const seed = ctx.core.keys.combineShares(request.shares);
      try {
        acceptStaged({
          dataDir: ctx.dataDir,
          withSeed: (use) => use(seed),
          approved: approvals.map((a) => a.name),
          includeDifferences,
        });
      } finally {
        wipe(seed);
      }
    } else {
      const acceptance = openAcceptance(ctx, statusOf(ctx.dataDir));
      const quorum = acceptance.quorum;
      if (!quorum?.complete())
        throw refused('QUORUM_MISSING', 'not enough key shares have been entered to accept the changes');
      // The shares must rebuild a cosigner key of a wallet in force (the seal then checks it is its key).
      const wallets = Object.values(configurationInForce(ctx.dataDir).configuration.wallets).map(
        (w) => w.registration,
      );
      acceptStaged({
        dataDir: ctx.dataDir,
        withSeed: (use) => quorum.withSeed(wallets, use),
        approved: acceptance.approved,
        includeDifferences: acceptance.includeDifferences,
      });
    }
  } finally {
    // Accepted or refused, the shares are wiped: a new attempt starts from the first share.
    endAcceptance(ctx);
  }
  return configStatus(ctx);
}

export function cancelAcceptance(ctx: ApiContext): ConfigStatusView {
  endAcceptance(ctx);
  return configStatus(ctx);
}

export function rejectChanges(ctx: ApiContext): ConfigStatusView {
  endAcceptance(ctx);
  rejectStaged(ctx.dataDir);
  return configStatus(ctx);
}

/**
 * The operator asks to sign while a network is up (staged for the quorum and the approvals the sealed
 * policies ask for), or withdraws it (in force at once, staged to be sealed): the guard's rules.
 */
export function overrideAirgap(ctx: ApiContext, request: { reason?: string; withdraw?: true }): Status {
  if (request.withdraw) ctx.airgap.withdrawOverride(request.reason ? { reason: request.reason } : {});
  else ctx.airgap.requestOverride({ reason: request.reason ?? '', source: 'operator' });
  return getStatus(ctx);
}

/** A wallet's owner class: set at once before the first seal, staged for the quorum after it. */
export function setWalletOwner(
  ctx: ApiContext,
  request: { name: string; owner: 'customer' | 'company' },
): ConfigStatusView {
  setOrStageWalletOwner(ctx.dataDir, request);
  return configStatus(ctx);
}
