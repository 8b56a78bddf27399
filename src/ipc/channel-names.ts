/**
 * Every call `window.airlock` offers, one IPC channel each. Kept free of zod so the sandboxed
 * preload stays tiny; the schemas for each name live in ./channels.
 */
export const CHANNEL_NAMES = [
  'getStatus',
  'overrideAirgap',
  'configStatus',
  'startAcceptance',
  'acceptChanges',
  'rejectChanges',
  'configApprovalStatus',
  'approveChanges',
  'addConfigShare',
  'cancelAcceptance',
  'listApprovers',
  'policyView',
  'stagePolicy',
  'testDrivePolicy',
  'startTestDriveScan',
  'scanTestDriveFrame',
  'enrolApprover',
  'removeApprover',
  'setWalletOwner',
  'unlockApprover',
  'listWallets',
  'importWallet',
  'previewWallet',
  'selectWallet',
  'verifyAddress',
  'walletExport',
  'startWalletScan',
  'scanWalletFrame',
  'startScan',
  'scanFrame',
  'loadPsbtText',
  'reviewCurrent',
  'confirmReview',
  'approvalStatus',
  'approve',
  'shareWordlist',
  'addShare',
  'sign',
  'signedResult',
  'encodeSigned',
  'saveSignedFrames',
  'cancelCeremony',
  'finishCeremony',
  'auditLog',
  'auditReport',
  'printAuditReport',
  'createPartitionedKey',
  'printShareCard',
  'finishKeyCreation',
  'keyCreationStatus',
  'cosignerKeys',
  'cosignerExport',
  'discardUnfinishedKey',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Electron IPC channel for an API call; the browser adapter uses the same names for its bindings. */
export function ipcChannel(name: ChannelName): string {
  return `airlock:${name}`;
}

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value);
}
