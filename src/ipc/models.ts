import { z } from 'zod';
import { AuditProblemSchema } from '../audit/problems';
import { ReconciliationReportSchema } from '../audit/report-model';
import { SealDifferenceSchema } from '../ceremony/differences';
import { NetworkNameSchema } from '../common/network';
import { PolicySchema } from '../policy/schema';
import { PolicyViolationSchema } from '../policy/violations';
import { RETURN_CONTENTS } from '../psbt/return-contents';
import { ReviewModelSchema } from '../psbt/review-model';
import { COSIGNER_KEY_FORMATS } from '../qr/key-formats';
import { CosignerSchema, OwnerClassSchema, ScriptTypeSchema } from '../wallet/types';

/** Public data that crosses from main to the renderer. Objects are strict so nothing extra slips through. */

export const IpcErrorSchema = z.strictObject({
  kind: z.enum(['bad-input', 'refused', 'nothing-to-sign', 'internal']),
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string().max(500),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export const AirgapStateSchema = z.enum(['isolated', 'connected', 'overridden']);
export type AirgapState = z.infer<typeof AirgapStateSchema>;

export const AirgapStatusSchema = z.strictObject({
  state: AirgapStateSchema,
  /** Non-loopback interfaces that are up, e.g. `wlan0 192.168.1.20`. */
  interfaces: z.array(z.strictObject({ name: z.string(), address: z.string() })),
  signingAllowed: z.boolean(),
});
export type AirgapStatus = z.infer<typeof AirgapStatusSchema>;

/** Why an operator asks to sign while a network is up (the app's button, `airlock airgap request`). */
export const AirgapReasonSchema = z.string().trim().min(3).max(200);

export const WalletSummarySchema = z.strictObject({
  name: z.string(),
  network: NetworkNameSchema,
  scriptType: ScriptTypeSchema,
  threshold: z.number().int().positive(),
  cosigners: z.array(CosignerSchema),
  descriptor: z.string(),
  /** Absent when the wallet has no owner class. */
  owner: OwnerClassSchema.optional(),
});
export type WalletSummary = z.infer<typeof WalletSummarySchema>;

/** Which registered wallet a pasted or scanned address belongs to, or that none does within the range. */
export const AddressCheckSchema = z.strictObject({
  found: z.boolean(),
  address: z.string(),
  /** The address in groups of four, as it is compared by eye. */
  grouped: z.string(),
  /** Addresses searched per branch. */
  range: z.number().int().positive(),
  wallet: z.string().optional(),
  branch: z.enum(['receive', 'change']).optional(),
  index: z.number().int().nonnegative().optional(),
});
export type AddressCheck = z.infer<typeof AddressCheckSchema>;

/** A registration just made, with the plain notes the operator should read (e.g. secrets in the file ignored). */
export const ImportedWalletSchema = WalletSummarySchema.extend({
  notes: z.array(z.string().max(500)).max(5),
  /** On a sealed device the registration is a staged change: in use only once a quorum accepts it. */
  staged: z.boolean(),
});
export type ImportedWallet = z.infer<typeof ImportedWalletSchema>;

/** A wallet as it would be registered: what the officers compare with the coordinator first. */
export const WalletPreviewSchema = z.strictObject({
  name: z.string(),
  network: NetworkNameSchema,
  scriptType: ScriptTypeSchema,
  threshold: z.number().int().positive(),
  cosigners: z.array(CosignerSchema.extend({ thisDevice: z.boolean() }).strict()),
  firstReceiveAddress: z.string(),
  firstChangeAddress: z.string(),
});
export type WalletPreview = z.infer<typeof WalletPreviewSchema>;

/**
 * Where main's signing ceremony stands; the renderer's screens follow it (renderer/flow/ceremony.ts).
 * reviewed: the review is on screen, not yet confirmed; approving: confirmed, approvals still missing;
 * approved: confirmed with every approval the policy asks for (or none asked), the shares come next.
 */
export const CeremonyStageSchema = z.enum([
  'idle',
  'scanning',
  'loaded',
  'reviewed',
  'approving',
  'approved',
  'unlocked',
  'signed',
]);
export type CeremonyStage = z.infer<typeof CeremonyStageSchema>;

/** Accepting staged changes, as main holds it: the approvals the sealed policies ask for, then the shares. */
export const AcceptanceStepSchema = z.enum(['approvals', 'shares']);
export type AcceptanceStep = z.infer<typeof AcceptanceStepSchema>;

export const StatusSchema = z.strictObject({
  appVersion: z.string(),
  airgap: AirgapStatusSchema,
  wallet: WalletSummarySchema.nullable(),
  stage: CeremonyStageSchema,
  /** The acceptance of staged changes under way (startAcceptance), or null. */
  acceptance: AcceptanceStepSchema.nullable(),
});
export type Status = z.infer<typeof StatusSchema>;

export const ScanProgressSchema = z.strictObject({
  status: z.enum(['waiting', 'progress', 'complete', 'rejected']),
  /** ur, bbqr, base64, specter; null before the first frame. */
  format: z.string().nullable(),
  partsSeen: z.number().int().nonnegative(),
  /** null while unknown; for fountain codes the library's estimate. */
  partsNeeded: z.number().int().nonnegative().nullable(),
  /** Why a frame was rejected, in plain words. */
  message: z.string().nullable(),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;

/** A wallet scan's progress; `walletText` (public: descriptors and xpubs) fills the import form when complete. */
export const WalletScanProgressSchema = ScanProgressSchema.extend({
  walletText: z
    .string()
    .max(64 * 1024)
    .optional(),
});
export type WalletScanProgress = z.infer<typeof WalletScanProgressSchema>;

export { PolicyViolationSchema };

export const ReviewResultSchema = z.strictObject({
  walletName: z.string(),
  psbtHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The unsigned transaction's id, for comparing with the coordinator's screen. */
  txid: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  review: ReviewModelSchema,
  /** Each policy rule the transaction breaks; any one refuses signing. */
  violations: z.array(PolicyViolationSchema),
  approvalsRequired: z.number().int().nonnegative(),
});
export type ReviewResult = z.infer<typeof ReviewResultSchema>;

export const ApprovalProgressSchema = z.strictObject({
  approved: z.array(z.string()),
  required: z.number().int().nonnegative(),
  /** Names allowed to approve (from the policy); empty when any enrolled approver may. */
  candidates: z.array(z.string()),
  complete: z.boolean(),
  /** Failed attempts each enrolled approver has left before being locked. */
  attemptsLeft: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type ApprovalProgress = z.infer<typeof ApprovalProgressSchema>;

export const ShareProgressSchema = z.strictObject({
  sharesSeen: z.number().int().nonnegative(),
  /** null until the first share tells the threshold. */
  sharesNeeded: z.number().int().positive().nullable(),
  complete: z.boolean(),
});
export type ShareProgress = z.infer<typeof ShareProgressSchema>;

export const QrFormatSchema = z.enum(['ur', 'bbqr', 'base64']);
export type QrFormat = z.infer<typeof QrFormatSchema>;
/** How dense each frame is (the QR version it fills): low for poor cameras, high for fewer frames. */
export const QrDensitySchema = z.enum(['low', 'medium', 'high']);
export type QrDensity = z.infer<typeof QrDensitySchema>;

/** The whole signed PSBT, or only the unsigned transaction and this cosigner's new signatures. */
export const ReturnContentsSchema = z.enum(RETURN_CONTENTS);
export type ReturnContents = z.infer<typeof ReturnContentsSchema>;

export const SignedResultSchema = z.strictObject({
  psbtBase64: z.string(),
  psbtOutHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedInputs: z.number().int().nonnegative(),
  /** The audit head sealed after this signature, `SEQ:HASH`, for the Done screen and the online side. */
  auditHead: z.string().regex(/^\d+:[0-9a-f]{64}$/),
  format: QrFormatSchema,
  frames: z.array(z.string().min(1)).min(1),
});
export type SignedResult = z.infer<typeof SignedResultSchema>;

export const FramesSchema = z.strictObject({
  format: QrFormatSchema,
  frames: z.array(z.string().min(1)).min(1),
});
export type Frames = z.infer<typeof FramesSchema>;

export const AuditEntryViewSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  event: z.string(),
  wallet: z.string().nullable(),
  psbtHash: z.string().nullable(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  approvers: z.array(z.string()),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export const AuditViewSchema = z.strictObject({
  entries: z.array(AuditEntryViewSchema),
  verified: z.boolean(),
  /** The first line that fails verification and what is wrong there; null when the chain is intact. */
  broken: z.strictObject({ line: z.number().int().positive(), problem: AuditProblemSchema }).nullable(),
});
export type AuditView = z.infer<typeof AuditViewSchema>;

/**
 * The daily reconciliation report (src/audit/report, as `airlock audit report --json` gives it),
 * with the exact text of its file export and that text's BBQr (J) frames for the online side.
 */
export const AuditReportViewSchema = z.strictObject({
  report: ReconciliationReportSchema,
  text: z.string().min(1),
  frames: z.array(z.string().min(1)).min(1),
});
export type AuditReportView = z.infer<typeof AuditReportViewSchema>;

/** A cosigner account key with its origin: public, for the coordinator. */
export const AccountKeyViewSchema = z.strictObject({
  scriptType: z.enum(['p2wsh', 'p2sh-p2wsh']),
  path: z.string().regex(/^m(\/\d+')*$/),
  xpub: z.string().regex(/^[xt]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/),
});
export type AccountKeyView = z.infer<typeof AccountKeyViewSchema>;

const FingerprintSchema = z.string().regex(/^[0-9a-f]{8}$/);

/**
 * A key being created, as the Shares screen shows it: public keys and which cards are printed.
 * The shares themselves stay in main and are only ever spelled out on the printed card.
 */
export const KeyCreationViewSchema = z.strictObject({
  fingerprint: FingerprintSchema,
  network: NetworkNameSchema,
  keys: z.array(AccountKeyViewSchema),
  groupThreshold: z.number().int().min(1).max(16),
  groups: z.array(
    z.strictObject({
      threshold: z.number().int().min(1).max(16),
      count: z.number().int().min(1).max(16),
      /** One flag per share of the group, by member index. */
      printed: z.array(z.boolean()),
    }),
  ),
  allPrinted: z.boolean(),
});
export type KeyCreationView = z.infer<typeof KeyCreationViewSchema>;

export const KeyCreationEndSchema = z.strictObject({
  fingerprint: FingerprintSchema,
  outcome: z.enum(['finished', 'abandoned']),
});
export type KeyCreationEnd = z.infer<typeof KeyCreationEndSchema>;

/** A key this machine created, from its stored public record. */
export const CosignerKeysViewSchema = z.strictObject({
  fingerprint: FingerprintSchema,
  network: NetworkNameSchema,
  keys: z.array(AccountKeyViewSchema),
  createdAt: z.string(),
  /** false while (or if) its share cards were not all printed: not to be used in a wallet. */
  finished: z.boolean(),
});
export type CosignerKeysView = z.infer<typeof CosignerKeysViewSchema>;

export const CosignerExportSchema = z.strictObject({
  fingerprint: FingerprintSchema,
  scriptType: z.enum(['p2wsh', 'p2sh-p2wsh']),
  format: z.enum(COSIGNER_KEY_FORMATS),
  /** `UR:CRYPTO-ACCOUNT/…` or `UR:ACCOUNT-DESCRIPTOR/…` (one QR), or `[fingerprint/48h/…]xpub…`. */
  text: z.string().min(1).max(2000),
});
export type CosignerExport = z.infer<typeof CosignerExportSchema>;

/** The air-gap settings a quorum sealed (or, before the first seal, the ones it will seal). */
export const AirgapSettingsViewSchema = z.strictObject({
  allowNetwork: z.boolean(),
  reason: z.string().max(200).nullable(),
});

/**
 * One staged change (or one item the first seal covers), as data: the Changes screen words it in the
 * chosen language. Public only: a wallet's shape and a policy, never an approver's record.
 */
export const ConfigItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('wallet'),
    wallet: z.string(),
    network: NetworkNameSchema,
    scriptType: ScriptTypeSchema,
    threshold: z.number().int().positive(),
    cosigners: z.number().int().positive(),
    owner: OwnerClassSchema.optional(),
    /** The operator confirmed it holds none of this device's keys. */
    withoutDeviceKey: z.boolean(),
  }),
  /** `policy` null: an explicit "no policy". */
  z.strictObject({ kind: z.literal('policy'), wallet: z.string(), policy: PolicySchema.nullable() }),
  z.strictObject({ kind: z.literal('approver-enrol'), name: z.string() }),
  z.strictObject({ kind: z.literal('approver-remove'), name: z.string() }),
  /** `by`: the approver who proved PIN and code for the unlock. */
  z.strictObject({ kind: z.literal('approver-unlock'), name: z.string(), by: z.string() }),
  z.strictObject({ kind: z.literal('airgap'), settings: AirgapSettingsViewSchema }),
  z.strictObject({ kind: z.literal('wallet-owner'), wallet: z.string(), owner: OwnerClassSchema }),
]);
export type ConfigItem = z.infer<typeof ConfigItemSchema>;

/**
 * The sealed configuration as the Changes screen shows it (src/ceremony/config-ceremony). Without the
 * quorum the seal cannot be verified, so `differences` compares the files with the seal's own copy;
 * every signature verifies the seal itself.
 */
export const ConfigStatusViewSchema = z.strictObject({
  sealed: z.boolean(),
  /** Fingerprint of the key whose quorum sealed it. */
  sealedBy: z.string().nullable(),
  /** The audit head the seal holds, `SEQ:HASH`. */
  head: z.string().nullable(),
  /** Files changed without the quorum, as data for the screen's words; any one refuses every signature. */
  differences: z.array(SealDifferenceSchema),
  /** Staged changes since the last seal, one line each. */
  changes: z.array(z.string()),
  /** Before the first seal: everything the first quorum will seal. */
  toBeSealed: z.array(z.string()),
  approvalsNeeded: z.array(
    z.strictObject({
      wallet: z.string(),
      required: z.number().int().positive(),
      approvers: z.array(z.string()),
    }),
  ),
  /** `changes` as data, for the screen's own words. */
  changeItems: z.array(ConfigItemSchema),
  /** `toBeSealed` as data. */
  toBeSealedItems: z.array(ConfigItemSchema),
  /** The air-gap settings in force (sealed), or those the first seal will seal. */
  airgap: AirgapSettingsViewSchema,
  /** Approvers already proven for exactly these changes, in this acceptance. */
  approvedBy: z.array(z.string()),
});
export type ConfigStatusView = z.infer<typeof ConfigStatusViewSchema>;

/** A PSBT scanned for a policy test drive: public, so once complete it fills the Policy screen's PSBT field. */
export const TestDriveScanProgressSchema = ScanProgressSchema.extend({
  psbtBase64: z.string().max(8_000_000).optional(),
});
export type TestDriveScanProgress = z.infer<typeof TestDriveScanProgressSchema>;

/** A wallet's policy as the Policy screen shows it: the sealed one and any staged draft, in plain words. */
export const PolicyViewSchema = z.strictObject({
  wallet: z.string(),
  /** The policy JSON as sealed; null for an explicit "no policy" or a wallet not sealed yet. */
  sealed: z.string().nullable(),
  sealedInWords: z.string(),
  /** A staged policy awaiting the quorum, if any (JSON), and its words. */
  staged: z.string().nullable(),
  stagedInWords: z.string().nullable(),
  /** Whether `sealedPolicy` is sealed already or is what the device's first seal will seal. */
  inForce: z.enum(['sealed', 'first-seal']),
  /** The policy in force as data (null: an explicit "no policy"), for the screen's words and the draft. */
  sealedPolicy: PolicySchema.nullable(),
  /** The staged policy as data: absent when nothing is staged, null when "no policy" is staged. */
  stagedPolicy: PolicySchema.nullable().optional(),
});

/** An approver on the Approvers screen: enrolled or staged, and how many failed attempts they have left. */
export const ApproverViewSchema = z.strictObject({
  name: z.string(),
  /** In the sealed configuration (before a first seal: enrolled, to be sealed). */
  enrolled: z.boolean(),
  /** A change staged for this approver, awaiting the quorum. */
  staged: z.enum(['enrol', 'remove', 'unlock']).nullable(),
  /** 0 when locked after failed attempts; null for a staged enrolment. */
  attemptsLeft: z.number().int().nonnegative().nullable(),
});
export type ApproverView = z.infer<typeof ApproverViewSchema>;
export type PolicyView = z.infer<typeof PolicyViewSchema>;
