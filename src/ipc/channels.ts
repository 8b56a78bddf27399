import { z } from 'zod';
import { NetworkNameSchema } from '../common/network';
import { ApproverSecretSchema } from '../policy/approver-secret';
import { COSIGNER_KEY_FORMATS } from '../qr/key-formats';
import { OwnerClassSchema } from '../wallet/types';
import type { ChannelName } from './channel-names';
import {
  AddressCheckSchema,
  AirgapReasonSchema,
  ApprovalProgressSchema,
  ApproverViewSchema,
  AuditReportViewSchema,
  AuditViewSchema,
  ConfigStatusViewSchema,
  CosignerExportSchema,
  CosignerKeysViewSchema,
  FramesSchema,
  ImportedWalletSchema,
  IpcErrorSchema,
  KeyCreationEndSchema,
  KeyCreationViewSchema,
  PolicyViewSchema,
  PolicyViolationSchema,
  QrDensitySchema,
  QrFormatSchema,
  ReturnContentsSchema,
  ReviewResultSchema,
  ScanProgressSchema,
  ShareProgressSchema,
  SignedResultSchema,
  StatusSchema,
  TestDriveScanProgressSchema,
  WalletPreviewSchema,
  WalletScanProgressSchema,
  WalletSummarySchema,
} from './models';

const Empty = z.strictObject({});
const WalletName = z.string().min(1).max(64);
/** QR format and density of the signed PSBT's frames (medium when not given), and what they hold (full when not given). */
const Density = z.strictObject({
  format: QrFormatSchema,
  density: QrDensitySchema.optional(),
  contents: ReturnContentsSchema.optional(),
});

/** SLIP-39 words are 10-bit numbers: indices into its public list of 1024 words. */
const SLIP39_WORDS = 1024;

/**
 * One SLIP-39 share as its word indices (20 or 33 of them), never as text: a typed array main can
 * zero, and the handlers do once the call is done. Travels renderer -> main only.
 */
export const ShareIndicesSchema = z
  .instanceof(Uint16Array, { message: 'a share travels as its word numbers' })
  .refine((indices) => indices.length === 20 || indices.length === 33, 'a share has 20 or 33 words')
  .refine((indices) => indices.every((i) => i < SLIP39_WORDS), 'a share word number is off the list');

/** One approver's proof: name, passphrase and authenticator code. Travels renderer -> main only. */
const ApprovalRequest = z.strictObject({
  name: z.string().min(1).max(64),
  pin: ApproverSecretSchema,
  code: z.string().regex(/^\d{6,8}$/, 'a code is 6 to 8 digits'),
});

const ShareCount = z.number().int().min(1).max(16);

/**
 * A new partitioned key's layout, by SLIP-39's rules: each group K-of-N with 1 <= K <= N <= 16, and
 * 1-of-N only as 1-of-1 (it would hand every holder the whole key); a single group has 2 to 16 shares.
 */
export const CreatePartitionedKeyRequestSchema = z
  .strictObject({
    groups: z
      .array(z.strictObject({ threshold: ShareCount, count: ShareCount }))
      .min(1)
      .max(16),
    groupThreshold: ShareCount.optional(),
    strength: z.union([z.literal(128), z.literal(256)]),
    /** Extra entropy mixed into the system's; travels renderer -> main only. */
    diceRolls: z
      .string()
      .max(2000)
      .regex(/^[1-6\s]*$/, 'dice rolls are digits from 1 to 6')
      .optional(),
    network: NetworkNameSchema,
  })
  .superRefine((request, issues) => {
    request.groups.forEach((group, i) => {
      if (group.threshold > group.count) {
        issues.addIssue({
          code: 'custom',
          path: ['groups', i],
          message: 'threshold is above the share count',
        });
      } else if (group.threshold === 1 && group.count > 1) {
        issues.addIssue({
          code: 'custom',
          path: ['groups', i],
          message: 'a 1-of-N group is only allowed as 1-of-1',
        });
      }
    });
    if (request.groups.length === 1 && (request.groups[0]?.count ?? 0) < 2) {
      issues.addIssue({
        code: 'custom',
        path: ['groups', 0],
        message: 'a single group needs 2 to 16 shares',
      });
    }
    if ((request.groupThreshold ?? 1) > request.groups.length) {
      issues.addIssue({ code: 'custom', path: ['groupThreshold'], message: 'more groups needed than exist' });
    }
  });

/** Request and response schema of every channel; main validates both directions. */
export const CHANNELS = {
  getStatus: { request: Empty, response: StatusSchema },
  /**
   * Asks for an air-gap override (allow signing while a network is up, with a reason): staged, in force
   * once a quorum accepts it (acceptChanges). A withdrawal counts at once and is staged to be sealed.
   */
  overrideAirgap: {
    request: z
      .strictObject({
        confirm: z.literal(true),
        reason: AirgapReasonSchema.optional(),
        withdraw: z.literal(true).optional(),
      })
      .refine((r) => r.withdraw || r.reason, { message: 'an override needs a reason', path: ['reason'] }),
    response: StatusSchema,
  },
  /** The sealed configuration, its differences and the staged changes (the Changes screen). */
  configStatus: { request: Empty, response: ConfigStatusViewSchema },
  /**
   * Opens the acceptance of the changes staged now (Status.acceptance says its step); approvals and
   * shares given for it are dropped once the changes differ.
   */
  startAcceptance: {
    request: z.strictObject({
      /** Seal files that differ from the seal as they are (the quorum has read the differences). */
      includeDifferences: z.literal(true).optional(),
    }),
    response: StatusSchema,
  },
  /**
   * The quorum accepts the staged changes and re-seals: its shares and the approvals the sealed
   * policies ask for (bound to these changes) travel renderer -> main only.
   */
  acceptChanges: {
    request: z.strictObject({
      /** Absent: the shares entered one at a time (addConfigShare) and the approvals given (approveChanges). */
      shares: z.array(ShareIndicesSchema).min(1).max(16).optional(),
      approvals: z
        .array(
          z.strictObject({
            name: z.string().min(1).max(64),
            pin: ApproverSecretSchema,
            code: z.string().regex(/^\d{6,8}$/),
          }),
        )
        .max(16)
        .optional(),
      /** With `shares`: seal files that differ from the seal as they are (without, startAcceptance says it). */
      includeDifferences: z.literal(true).optional(),
    }),
    response: ConfigStatusViewSchema,
  },
  rejectChanges: { request: Empty, response: ConfigStatusViewSchema },
  /** Who has approved the staged changes so far, and who must. */
  configApprovalStatus: { request: Empty, response: ApprovalProgressSchema },
  /** One approver proves PIN and code for the staged changes (bound to their hash); main holds the approval. */
  approveChanges: { request: ApprovalRequest, response: ApprovalProgressSchema },
  /** One share of the quorum accepting the changes; the words stay in main until acceptChanges. */
  addConfigShare: { request: z.strictObject({ indices: ShareIndicesSchema }), response: ShareProgressSchema },
  /** Leaves an acceptance unfinished: the shares entered for it are wiped, its approvals dropped. */
  cancelAcceptance: { request: Empty, response: ConfigStatusViewSchema },
  /** Enrolled and staged approvers with their attempts left (the Approvers screen). */
  listApprovers: { request: Empty, response: z.array(ApproverViewSchema) },
  /** Enrols an approver (staged once sealed); the otpauth:// URI comes back once, for the QR. */
  enrolApprover: {
    request: z.strictObject({ name: z.string().min(1).max(40), pin: ApproverSecretSchema }),
    response: z.strictObject({ uri: z.string().startsWith('otpauth://totp/') }),
  },
  /** Sets a wallet's owner class (customer or company funds); staged for the quorum once sealed. */
  setWalletOwner: {
    request: z.strictObject({ name: z.string().min(1).max(64), owner: OwnerClassSchema }),
    response: ConfigStatusViewSchema,
  },
  /** Stages an approver's removal for the quorum to accept. */
  removeApprover: {
    request: z.strictObject({ name: z.string().min(1).max(40) }),
    response: ConfigStatusViewSchema,
  },
  /** Another approver, with PIN and code, asks to unlock one locked (staged for the quorum once sealed). */
  unlockApprover: {
    request: z.strictObject({
      name: z.string().min(1).max(40),
      by: z.strictObject({
        name: z.string().min(1).max(64),
        pin: ApproverSecretSchema,
        code: z.string().regex(/^\d{6,8}$/),
      }),
    }),
    response: z.strictObject({ unlocked: z.string(), staged: z.boolean() }),
  },
  /** The selected wallet's sealed policy and any staged one. */
  policyView: { request: Empty, response: PolicyViewSchema },
  /** Stages a policy (JSON text, as `airlock policy check` reads it) for the selected wallet. */
  stagePolicy: {
    request: z.union([
      z.strictObject({
        text: z
          .string()
          .min(2)
          .max(256 * 1024),
      }),
      /** An explicit "no policy": no approvals, no limits (a choice the quorum seals like any other). */
      z.strictObject({ none: z.literal(true) }),
    ]),
    response: ConfigStatusViewSchema,
  },
  /**
   * What the gate would say under a draft policy about a PSBT (scanned or pasted on the Policy screen;
   * absent: the one whose review is shown); nothing is staged.
   */
  testDrivePolicy: {
    request: z.strictObject({
      text: z
        .string()
        .min(2)
        .max(256 * 1024),
      psbt: z.string().min(1).max(6_000_000).optional(),
    }),
    response: z.array(PolicyViolationSchema),
  },
  /** Starts scanning a PSBT for a test drive on the Policy screen; the signing ceremony is left alone. */
  startTestDriveScan: { request: Empty, response: ScanProgressSchema },
  scanTestDriveFrame: {
    request: z.strictObject({ text: z.string().min(1).max(8000) }),
    response: TestDriveScanProgressSchema,
  },
  listWallets: { request: Empty, response: z.array(WalletSummarySchema) },
  /** Registers (or, once sealed, stages) a wallet; one without this device's keys needs `withoutDeviceKey`. */
  importWallet: {
    request: z.strictObject({
      text: z.string().min(1).max(100_000),
      name: WalletName.optional(),
      owner: OwnerClassSchema.optional(),
      withoutDeviceKey: z.literal(true).optional(),
    }),
    response: ImportedWalletSchema,
  },
  /** What importWallet would register, for the officer to check first; nothing is stored. */
  previewWallet: {
    request: z.strictObject({ text: z.string().min(1).max(100_000), name: WalletName.optional() }),
    response: WalletPreviewSchema,
  },
  selectWallet: { request: z.strictObject({ name: WalletName }), response: StatusSchema },
  verifyAddress: {
    request: z.strictObject({
      address: z.string().trim().min(1).max(2000),
      range: z.number().int().min(1).max(100_000).optional(),
    }),
    response: AddressCheckSchema,
  },
  walletExport: {
    request: z.strictObject({ name: WalletName }),
    /** The wallet's descriptor, shown as a QR for the coordinator. */
    response: z.strictObject({ text: z.string() }),
  },
  startWalletScan: { request: Empty, response: ScanProgressSchema },
  /** A frame of a wallet export on the coordinator's screen; the export's text comes back once complete. */
  scanWalletFrame: {
    request: z.strictObject({ text: z.string().min(1).max(8000) }),
    response: WalletScanProgressSchema,
  },
  startScan: { request: Empty, response: ScanProgressSchema },
  scanFrame: { request: z.strictObject({ text: z.string().min(1).max(8000) }), response: ScanProgressSchema },
  loadPsbtText: {
    request: z.strictObject({ text: z.string().min(1).max(6_000_000) }),
    response: ScanProgressSchema,
  },
  reviewCurrent: { request: Empty, response: ReviewResultSchema },
  /** The officers confirm the review on screen (audited); the approvals, then the shares, may follow. */
  confirmReview: { request: Empty, response: StatusSchema },
  approvalStatus: { request: Empty, response: ApprovalProgressSchema },
  approve: { request: ApprovalRequest, response: ApprovalProgressSchema },
  shareWordlist: { request: Empty, response: z.array(z.string()).length(SLIP39_WORDS) },
  addShare: { request: z.strictObject({ indices: ShareIndicesSchema }), response: ShareProgressSchema },
  sign: { request: Density, response: SignedResultSchema },
  /** What `sign` returned, again, while main holds the signed ceremony (a page reopened shows the QR). */
  signedResult: { request: Density, response: SignedResultSchema },
  encodeSigned: { request: Density, response: FramesSchema },
  saveSignedFrames: {
    request: Density,
    response: z.strictObject({ directory: z.string(), files: z.array(z.string()) }),
  },
  cancelCeremony: { request: Empty, response: StatusSchema },
  /** Leaves a signed ceremony once its PSBT has been shown: main drops it (refused before signing). */
  finishCeremony: { request: Empty, response: StatusSchema },
  auditLog: {
    request: z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }),
    response: AuditViewSchema,
  },
  /** From `since` (a UTC day) on, or the whole log. */
  auditReport: {
    request: z.strictObject({
      since: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-11-25')
        .optional(),
    }),
    response: AuditReportViewSchema,
  },
  /**
   * Prints the report as the Audit screen lays it out (its markup, in the operator's language) on the
   * isolated print surface the share cards use; refused when it does not show the log's current head.
   */
  printAuditReport: {
    request: z.strictObject({
      html: z.string().min(1).max(1_000_000),
      title: z.string().min(1).max(200),
      lang: z.enum(['en', 'ja']),
    }),
    response: z.strictObject({ outcome: z.enum(['printed', 'cancelled']) }),
  },
  createPartitionedKey: { request: CreatePartitionedKeyRequestSchema, response: KeyCreationViewSchema },
  /** Group and share index from 0, as SLIP-39 numbers them; the screen shows them from 1. */
  printShareCard: {
    request: z.strictObject({
      group: z.number().int().min(0).max(15),
      index: z.number().int().min(0).max(15),
    }),
    response: KeyCreationViewSchema,
  },
  /** Refused while cards are unprinted, unless `abandon`, which discards the new key and its record. */
  finishKeyCreation: {
    request: z.strictObject({ abandon: z.literal(true).optional() }),
    response: KeyCreationEndSchema,
  },
  keyCreationStatus: { request: Empty, response: KeyCreationViewSchema.nullable() },
  cosignerKeys: { request: Empty, response: z.array(CosignerKeysViewSchema) },
  cosignerExport: {
    request: z.strictObject({
      fingerprint: z
        .string()
        .regex(/^[0-9a-f]{8}$/)
        .optional(),
      scriptType: z.enum(['p2wsh', 'p2sh-p2wsh']),
      network: NetworkNameSchema.optional(),
      format: z.enum(COSIGNER_KEY_FORMATS),
    }),
    response: CosignerExportSchema,
  },
  /** Removes the record of a key whose cards were not all printed before the app closed. */
  discardUnfinishedKey: {
    request: z.strictObject({ fingerprint: z.string().regex(/^[0-9a-f]{8}$/) }),
    response: z.array(CosignerKeysViewSchema),
  },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type Channels = typeof CHANNELS;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof IpcErrorSchema> };

/** The envelope every call resolves to; errors travel as values because Electron flattens thrown ones. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}

/** `window.airlock`: one method per channel. */
export type AirlockApi = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
};
