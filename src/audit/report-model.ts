import { z } from 'zod';

/**
 * The daily reconciliation report as it leaves the device: `airlock audit report --json`, the app's
 * Audit screen, its file and its QR export all carry exactly this document.
 */

const Sats = z.number().int().nonnegative();

export const AuditHeadSchema = z.strictObject({
  /** -1 for an empty log. */
  seq: z.number().int().min(-1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReportHead = z.infer<typeof AuditHeadSchema>;

export const DailyOutflowSchema = z.strictObject({
  /** The wallet's name as its latest signature of the day recorded it. */
  wallet: z.string(),
  /** Its identity; null for entries written before wallets had one. */
  walletId: z.string().nullable(),
  /** The wallet's owner class as registered now; null when it has none or is no longer registered. */
  owner: z.string().nullable(),
  /** The UTC day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  count: z.number().int().positive(),
  sent: Sats,
  fees: Sats,
  /** `amount` is null only for entries of older builds, which recorded addresses alone. */
  destinations: z.array(z.strictObject({ address: z.string().nullable(), amount: Sats.nullable() })),
  /** The part of `sent` that went to other registered wallets. */
  transfers: z.array(z.strictObject({ to: z.string(), owner: z.string().nullable(), amount: Sats })),
  /** Proofs of reserves signed that day (they move nothing). */
  proofs: z.array(z.strictObject({ message: z.string(), total: Sats })),
  /** BIP-322 messages signed that day. */
  messages: z.array(z.strictObject({ address: z.string(), message: z.string().nullable() })),
});
export type DailyOutflow = z.infer<typeof DailyOutflowSchema>;

export const ReconciliationReportSchema = z.strictObject({
  rows: z.array(DailyOutflowSchema),
  /** The log's head when the report was made, so the online side can tell a log rolled back. */
  head: AuditHeadSchema,
});
export type ReconciliationReport = z.infer<typeof ReconciliationReportSchema>;

/** The report as a file and as the bytes of its QR export: one JSON document and a newline. */
export function reportJson(report: ReconciliationReport): string {
  return `${JSON.stringify(report)}\n`;
}
