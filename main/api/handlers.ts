import { isAirlockError } from '../../src/common/errors';
import { CHANNEL_NAMES, type ChannelName } from '../../src/ipc/channel-names';
import { CHANNELS, type IpcResult, type ParsedRequestOf, type ResponseOf } from '../../src/ipc/channels';
import { type IpcError, IpcErrorSchema } from '../../src/ipc/models';
import { approvalStatus, approve } from './approvals';
import { auditLog, auditReport, printAuditReport } from './audit';
import { cancelCeremony, finishCeremony } from './cancel';
import {
  acceptChanges,
  addConfigShare,
  approveChanges,
  cancelAcceptance,
  configApprovalStatus,
  configStatus,
  overrideAirgap,
  rejectChanges,
  setWalletOwner,
  startAcceptance,
} from './config';
import { enrolApprover, listApprovers, removeApprover, unlockApproverBy } from './config-approvers';
import {
  policyView,
  scanTestDriveFrame,
  stagePolicy,
  startTestDriveScan,
  testDrivePolicy,
} from './config-policy';
import { confirmReview } from './confirm';
import type { ApiContext } from './context';
import { cosignerExport, cosignerKeys, discardUnfinishedKey } from './cosigners';
import { createPartitionedKey, finishKeyCreation, keyCreationStatus, printShareCard } from './keygen';
import { reviewCurrent } from './review';
import { loadPsbtText, scanFrame, startScan } from './scan';
import { addShare, shareWordlist } from './shares';
import { encodeSigned, saveSignedFrames, sign, signedResult } from './signing';
import { getStatus } from './status';
import {
  importWallet,
  listWallets,
  previewWallet,
  scanWalletFrame,
  selectWallet,
  startWalletScan,
  verifyAddress,
  walletExport,
} from './wallets';

type Implementation<C extends ChannelName> = (
  ctx: ApiContext,
  request: ParsedRequestOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

const IMPLEMENTATIONS: { [C in ChannelName]: Implementation<C> } = {
  getStatus,
  overrideAirgap,
  configStatus,
  startAcceptance,
  acceptChanges,
  rejectChanges,
  configApprovalStatus,
  approveChanges,
  addConfigShare,
  cancelAcceptance,
  listApprovers,
  policyView,
  stagePolicy,
  testDrivePolicy,
  startTestDriveScan,
  scanTestDriveFrame,
  enrolApprover,
  removeApprover,
  setWalletOwner,
  unlockApprover: unlockApproverBy,
  listWallets,
  importWallet,
  previewWallet,
  selectWallet: (ctx, request) => {
    selectWallet(ctx, request);
    return getStatus(ctx);
  },
  verifyAddress,
  walletExport,
  startWalletScan,
  scanWalletFrame,
  startScan,
  scanFrame,
  loadPsbtText,
  reviewCurrent,
  confirmReview,
  approvalStatus,
  approve,
  shareWordlist,
  addShare,
  sign,
  signedResult,
  encodeSigned,
  saveSignedFrames,
  cancelCeremony,
  finishCeremony,
  auditLog,
  auditReport,
  printAuditReport,
  createPartitionedKey,
  printShareCard,
  finishKeyCreation,
  keyCreationStatus,
  cosignerKeys,
  cosignerExport,
  discardUnfinishedKey,
};

export type ApiHandler<C extends ChannelName> = (raw: unknown) => Promise<IpcResult<ResponseOf<C>>>;
export type ApiHandlers = { [C in ChannelName]: ApiHandler<C> };

const INTERNAL_ERROR: IpcError = {
  kind: 'internal',
  code: 'INTERNAL',
  message: 'internal error; nothing was signed',
};
const MAX_MESSAGE = IpcErrorSchema.shape.message.maxLength ?? 500;

/**
 * Every error that leaves main, checked against the schema the renderer holds it to: a message longer
 * than the renderer accepts is cut (a long wallet name quoted in it must not turn into a crash), and
 * anything else off-schema becomes the plain internal error.
 */
export function errorEnvelope(error: IpcError): { ok: false; error: IpcError } {
  const message =
    error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE - 1)}…` : error.message;
  const checked = IpcErrorSchema.safeParse({ ...error, message });
  return { ok: false, error: checked.success ? checked.data : INTERNAL_ERROR };
}

function failure(error: unknown): { ok: false; error: IpcError } {
  // Third-party messages are not vetted for secrets, so they never cross to the renderer.
  if (!isAirlockError(error)) return errorEnvelope(INTERNAL_ERROR);
  return errorEnvelope({ kind: error.kind, code: error.code, message: error.message });
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'malformed';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Zeroes every typed array a request carried (the shares' word indices, as received from the
 * renderer), whether the call succeeded, failed or was malformed: nothing secret outlives its call.
 */
export function zeroRequestBuffers(raw: unknown, depth = 0): void {
  if (ArrayBuffer.isView(raw)) {
    new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength).fill(0);
    return;
  }
  if (depth > 4 || raw === null || typeof raw !== 'object') return;
  for (const value of Object.values(raw)) zeroRequestBuffers(value, depth + 1);
}

/**
 * Binds every channel to its implementation with validation both ways: a malformed request is
 * rejected before any state is touched, and a response that does not match its schema never
 * leaves main. Calls run one at a time so the ceremony state never interleaves.
 */
export function createApiHandlers(ctx: ApiContext): ApiHandlers {
  let queue: Promise<unknown> = Promise.resolve();
  const bind = <C extends ChannelName>(name: C): ApiHandler<C> => {
    const { request: requestSchema, response: responseSchema } = CHANNELS[name];
    const implementation = IMPLEMENTATIONS[name] as Implementation<C>;
    const run = async (raw: unknown): Promise<IpcResult<ResponseOf<C>>> => {
      try {
        return await answer(raw);
      } finally {
        zeroRequestBuffers(raw);
      }
    };
    const answer = async (raw: unknown): Promise<IpcResult<ResponseOf<C>>> => {
      const parsed = requestSchema.safeParse(raw ?? {});
      if (!parsed.success) {
        return errorEnvelope({
          kind: 'bad-input',
          code: 'BAD_REQUEST',
          message: `malformed ${name} request (${describeIssue(parsed.error.issues[0])})`,
        });
      }
      try {
        const value = await implementation(ctx, parsed.data as ParsedRequestOf<C>);
        const checked = responseSchema.safeParse(value);
        if (!checked.success) {
          return errorEnvelope({
            kind: 'internal',
            code: 'BAD_RESPONSE',
            message: `the ${name} result was malformed`,
          });
        }
        return { ok: true, value: checked.data as ResponseOf<C> };
      } catch (error) {
        return failure(error);
      }
    };
    return (raw) => {
      const result = queue.then(() => run(raw));
      queue = result.catch(() => undefined);
      return result;
    };
  };
  return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, bind(name)])) as ApiHandlers;
}
