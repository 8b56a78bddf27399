import { describePolicy, readChanges, stageChange } from '../../src/ceremony/changes';
import { recordEvent } from '../../src/ceremony/events';
import { SigningCeremony } from '../../src/ceremony/signing-ceremony';
import { refused } from '../../src/common/errors';
import type { ConfigStatusView, PolicyView, ScanProgress, TestDriveScanProgress } from '../../src/ipc/models';
import { sharedChildKeyPool } from '../../src/keys/ckd-pool';
import type { PolicyViolation } from '../../src/policy/evaluate';
import { parsePolicy } from '../../src/policy/load';
import { walletId } from '../../src/wallet/identity';
import { configStatus, configurationInForce } from './config';
import type { ApiContext } from './context';
import { requireShownReview, requireWallet } from './require';

/** The selected wallet's policy in force (sealed, or what the first seal will seal) and any staged one. */
export function policyView(ctx: ApiContext): PolicyView {
  const wallet = requireWallet(ctx);
  const id = walletId(wallet);
  const { configuration, sealed } = configurationInForce(ctx.dataDir);
  const inForce = configuration.wallets[id]?.policy ?? null;
  const staged = readChanges(ctx.dataDir).find((c) => c.kind === 'policy' && c.walletId === id);
  const stagedPolicy = staged?.kind === 'policy' ? staged.policy : undefined;
  return {
    wallet: wallet.name,
    sealed: inForce ? JSON.stringify(inForce, null, 2) : null,
    sealedInWords: describePolicy(inForce),
    staged: stagedPolicy ? JSON.stringify(stagedPolicy, null, 2) : null,
    stagedInWords: stagedPolicy === undefined ? null : describePolicy(stagedPolicy),
    inForce: sealed ? 'sealed' : 'first-seal',
    sealedPolicy: inForce,
    ...(stagedPolicy === undefined ? {} : { stagedPolicy }),
  };
}

function draftFor(ctx: ApiContext, text: string) {
  const wallet = requireWallet(ctx);
  const policy = parsePolicy(text, 'the draft policy');
  if (policy.wallet !== wallet.name)
    throw refused('POLICY_WRONG_WALLET', `the policy is for wallet ${policy.wallet}, not ${wallet.name}`);
  return { wallet, policy };
}

export function stagePolicy(ctx: ApiContext, request: { text: string } | { none: true }): ConfigStatusView {
  const { wallet, policy } =
    'none' in request ? { wallet: requireWallet(ctx), policy: null } : draftFor(ctx, request.text);
  const id = walletId(wallet);
  stageChange(ctx.dataDir, { kind: 'policy', walletId: id, wallet: wallet.name, policy });
  recordEvent(ctx.dataDir, { event: 'policy-staged', wallet: wallet.name, walletId: id });
  return configStatus(ctx);
}

export function startTestDriveScan(ctx: ApiContext): ScanProgress {
  ctx.testDriveScan = ctx.core.qr.createAssembler();
  return { status: 'waiting', format: null, partsSeen: 0, partsNeeded: null, message: null };
}

/** One frame of a PSBT shown by the coordinator; once complete the PSBT goes back as base64 for the test drive. */
export function scanTestDriveFrame(ctx: ApiContext, request: { text: string }): TestDriveScanProgress {
  ctx.testDriveScan ??= ctx.core.qr.createAssembler();
  const { payload, ...progress } = ctx.testDriveScan.receive(request.text);
  if (progress.status !== 'complete' || !payload) return progress;
  ctx.testDriveScan = null;
  return { ...progress, psbtBase64: Buffer.from(payload).toString('base64') };
}

/**
 * What the gate would say under a draft: about a PSBT given for the test drive (reviewed apart from
 * the signing ceremony, which it leaves alone), or about the one whose review is on screen.
 */
export async function testDrivePolicy(
  ctx: ApiContext,
  request: { text: string; psbt?: string },
): Promise<PolicyViolation[]> {
  const { wallet, policy } = draftFor(ctx, request.text);
  if (request.psbt === undefined) return requireShownReview(ctx).testDrive(policy);
  const drive = new SigningCeremony(ctx.dataDir, wallet);
  drive.load(request.psbt.trim(), 'policy-test-drive');
  await drive.reviewPsbt(sharedChildKeyPool());
  return drive.testDrive(policy);
}
