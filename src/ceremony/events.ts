import { z } from 'zod';
import { type AuditEntry, AuditEntrySchema, appendAuditEvent } from '../audit/log';
import { readAuditLines } from '../audit/verify';
import { OwnerClassSchema } from '../wallet/types';

/**
 * Every event the audit log records, with its fields: one discriminated union, one writer
 * (`recordEvent`) and one reader (`readAuditRecords`). The hash chain itself stays in src/audit/log.
 */

const Sats = z.number().int().nonnegative();
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
/** A wallet's identity (what it spends), see src/wallet/identity. */
export const WalletIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Where signed satoshis went; entries of older app builds recorded bare addresses without amounts. */
const DestinationSchema = z.union([
  z.object({
    address: z.string().nullable(),
    amount: Sats,
    /** For a transfer: the registered wallet paid, and its owner class. */
    wallet: z.string().optional(),
    owner: z.string().nullable().optional(),
  }),
  z
    .string()
    .nullable()
    .transform((address) => ({ address, amount: null, wallet: undefined, owner: undefined })),
]);
export type RecordedDestination = z.output<typeof DestinationSchema>;

export const SignedSummarySchema = z.object({
  sent: Sats,
  fee: Sats.nullable(),
  destinations: z.array(DestinationSchema),
  /** What a PSBT that pays nobody was: a proof of reserves or a BIP-322 message. */
  purpose: z
    .union([
      z.object({ kind: z.literal('proof-of-reserves'), message: z.string(), total: Sats }),
      z.object({ kind: z.literal('message'), address: z.string(), message: z.string().nullable() }),
    ])
    .optional(),
});

const Details = z.record(z.string(), z.unknown());
/** Fields every event may carry; each variant narrows the ones it is about. */
const base = {
  wallet: z.string().optional(),
  walletId: WalletIdSchema.optional(),
  psbtHash: Hash.optional(),
  psbtOutHash: Hash.optional(),
  summary: Details.optional(),
  approvers: z.array(z.string()).optional(),
  outcome: z.string().optional(),
  reason: z.string().optional(),
  details: Details.optional(),
};

const Base = z.object(base);
// biome-ignore lint/complexity/noBannedTypes: an event with no fields beyond the common ones
const event = <E extends string, S extends z.ZodRawShape = {}>(name: E, shape?: S) =>
  Base.extend({ event: z.literal(name) }).extend((shape ?? {}) as S);

export const AuditRecordSchema = z.discriminatedUnion('event', [
  event('start'),
  event('airgap-check', { outcome: z.enum(['isolated', 'connected', 'overridden']) }),
  event('airgap-override', { reason: z.string() }),
  event('airgap-override-withdrawn'),
  event('wallet-registered', { wallet: z.string() }),
  event('wallet-staged', { wallet: z.string(), walletId: WalletIdSchema }),
  event('wallet-import-refused'),
  event('psbt-loaded', { psbtHash: Hash }),
  event('review-shown', { wallet: z.string(), psbtHash: Hash }),
  /** The officers confirmed the review on screen (the app; the CLI's operator reads it and signs). */
  event('review-confirmed', { wallet: z.string(), psbtHash: Hash }),
  event('approval', { approvers: z.array(z.string()).length(1), psbtHash: Hash }),
  event('approval-failed', { approvers: z.array(z.string()).length(1), reason: z.string() }),
  event('approver-enrolled', { approvers: z.array(z.string()).min(1) }),
  event('approver-unlocked', { approvers: z.array(z.string()).min(2) }),
  event('approver-removal-staged', { approvers: z.array(z.string()).length(1) }),
  event('quorum-reached'),
  event('quorum-wiped', { reason: z.string() }),
  event('signed', {
    wallet: z.string(),
    psbtHash: Hash,
    psbtOutHash: Hash,
    summary: SignedSummarySchema.passthrough(),
    approvers: z.array(z.string()),
    outcome: z.enum(['signed', 'already-signed']),
  }),
  event('refused', { reason: z.string() }),
  event('ceremony-cancelled'),
  event('key-created'),
  event('key-finished'),
  event('key-abandoned'),
  /** The idle timeout wiped a new key's shares; the key ended finished (every card printed) or abandoned. */
  event('key-creation-idle-wipe', {
    outcome: z.enum(['abandoned', 'finished']),
    details: z.object({ fingerprint: z.string(), unprinted: z.number().int().nonnegative() }),
  }),
  event('share-card-printed'),
  /** The reconciliation report printed from the Audit screen, at the head its page shows. */
  event('report-printed', { details: z.object({ head: z.string().regex(/^\d+:[0-9a-f]{64}$/) }) }),
  event('policy-staged', { wallet: z.string(), walletId: WalletIdSchema }),
  event('wallet-owner', {
    wallet: z.string(),
    walletId: WalletIdSchema,
    outcome: z.enum(['staged', 'set']),
    details: z.object({ owner: OwnerClassSchema, previous: OwnerClassSchema.nullable() }),
  }),
  event('config-sealed', { details: z.object({ fingerprint: z.string(), changes: z.array(z.string()) }) }),
  event('config-rejected'),
  event('seal-broken', { details: z.object({ differences: z.array(z.string()) }) }),
]);
export type AuditRecord = z.output<typeof AuditRecordSchema>;
export type AuditRecordInput = z.input<typeof AuditRecordSchema>;
export type AuditEventName = AuditRecord['event'];
export type SignedRecord = Extract<AuditRecord, { event: 'signed' }>;

/** Appends one catalogued event to the hash-chained log; a malformed event is a bug, never written. */
export function recordEvent(dataDir: string, record: AuditRecordInput, now?: Date): AuditEntry {
  AuditRecordSchema.parse(record);
  return appendAuditEvent(dataDir, record, now);
}

export type ReadRecord = AuditRecord & { seq: number; time: string };

/**
 * The log's complete entries as typed records. An entry of an event this build does not know (or
 * with fields it cannot read) is left out of the typed view; `audit verify` still checks its hash.
 */
export function readAuditRecords(
  dataDir: string,
  lines = readAuditLines(dataDir).lines,
  options: { since?: Date } = {},
): ReadRecord[] {
  const since = options.since?.getTime();
  return lines.flatMap((line) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return [];
    }
    // Typing every entry costs most of the read on a long log; entries older than `since` are not asked for.
    if (since !== undefined && Date.parse(timeOf(json)) < since) return [];
    const entry = AuditEntrySchema.safeParse(json);
    const record = AuditRecordSchema.safeParse(json);
    return entry.success && record.success
      ? [{ ...record.data, seq: entry.data.seq, time: entry.data.time }]
      : [];
  });
}

/** An entry's `time` as written, or '' (never older than anything: the entry is typed and judged). */
function timeOf(json: unknown): string {
  const time = typeof json === 'object' && json !== null ? (json as { time?: unknown }).time : undefined;
  return typeof time === 'string' ? time : '';
}
