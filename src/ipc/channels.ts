import { z } from 'zod';
import type { ChannelName } from './channel-names';
import {
  ApprovalProgressSchema,
  AuditViewSchema,
  FramesSchema,
  IpcErrorSchema,
  QrFormatSchema,
  ReviewResultSchema,
  ScanProgressSchema,
  ShareProgressSchema,
  SignedResultSchema,
  StatusSchema,
  WalletSummarySchema,
} from './models';

const Empty = z.strictObject({});
const WalletName = z.string().min(1).max(64);
/** QR fragment length in bytes: lower is sparser and easier for a camera, higher means fewer frames. */
const Density = z.strictObject({
  format: QrFormatSchema,
  maxFragmentLength: z.number().int().min(50).max(2000).optional(),
});

/** SLIP-39 share: 20 or 33 lowercase words. Travels renderer -> main only. */
export const ShareWordsSchema = z
  .string()
  .max(400)
  .transform((s) => s.trim().toLowerCase().split(/\s+/).filter(Boolean))
  .refine((words) => words.length === 20 || words.length === 33, 'a share has 20 or 33 words')
  .refine((words) => words.every((w) => /^[a-z]{4,8}$/.test(w)), 'share words are lowercase letters');

/** Request and response schema of every channel; main validates both directions. */
export const CHANNELS = {
  getStatus: { request: Empty, response: StatusSchema },
  overrideAirgap: {
    request: z.strictObject({ confirm: z.literal(true), reason: z.string().trim().min(3).max(200) }),
    response: StatusSchema,
  },
  listWallets: { request: Empty, response: z.array(WalletSummarySchema) },
  importWallet: {
    request: z.strictObject({ text: z.string().min(1).max(100_000), name: WalletName.optional() }),
    response: WalletSummarySchema,
  },
  selectWallet: { request: z.strictObject({ name: WalletName }), response: StatusSchema },
  walletExport: {
    request: z.strictObject({ name: WalletName }),
    /** The wallet's descriptor, shown as a QR for the coordinator. */
    response: z.strictObject({ text: z.string() }),
  },
  startScan: { request: Empty, response: ScanProgressSchema },
  scanFrame: { request: z.strictObject({ text: z.string().min(1).max(8000) }), response: ScanProgressSchema },
  loadPsbtText: {
    request: z.strictObject({ text: z.string().min(1).max(6_000_000) }),
    response: ScanProgressSchema,
  },
  reviewCurrent: { request: Empty, response: ReviewResultSchema },
  approvalStatus: { request: Empty, response: ApprovalProgressSchema },
  approve: {
    request: z.strictObject({
      name: z.string().min(1).max(64),
      pin: z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits'),
      code: z.string().regex(/^\d{6,8}$/, 'a code is 6 to 8 digits'),
    }),
    response: ApprovalProgressSchema,
  },
  shareWordlist: { request: Empty, response: z.array(z.string()).length(1024) },
  addShare: { request: z.strictObject({ words: ShareWordsSchema }), response: ShareProgressSchema },
  sign: { request: Density, response: SignedResultSchema },
  encodeSigned: { request: Density, response: FramesSchema },
  saveSignedFrames: {
    request: Density,
    response: z.strictObject({ directory: z.string(), files: z.array(z.string()) }),
  },
  cancelCeremony: { request: Empty, response: StatusSchema },
  auditLog: {
    request: z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }),
    response: AuditViewSchema,
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
