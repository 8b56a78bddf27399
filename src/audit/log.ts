import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const AUDIT_FILE = 'audit.jsonl';
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller records; the log adds seq, time and prev. Never put a secret in here. */
export const AuditEventSchema = z.object({
  event: z.string().min(1),
  wallet: z.string().optional(),
  psbtHash: z.string().optional(),
  psbtOutHash: z.string().optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
  approvers: z.array(z.string()).optional(),
  outcome: z.string().optional(),
  reason: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditEntrySchema = AuditEventSchema.extend({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function auditPath(dataDir: string): string {
  return join(dataDir, AUDIT_FILE);
}

/** The last complete line of the log and its hash, or the genesis values for an empty log. */
function tail(path: string): { seq: number; hash: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { seq: -1, hash: GENESIS_HASH };
  }
  const lines = text.split('\n').filter((l) => l.length > 0);
  const last = lines.at(-1);
  if (!last) return { seq: -1, hash: GENESIS_HASH };
  const entry = AuditEntrySchema.parse(JSON.parse(last));
  return { seq: entry.seq, hash: sha256Hex(last) };
}

/** Appends one hash-chained entry with fsync; the file is opened for append only, never rewritten. */
export function appendAuditEvent(dataDir: string, event: AuditEvent, now: Date = new Date()): AuditEntry {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = auditPath(dataDir);
  const previous = tail(path);
  const entry: AuditEntry = {
    seq: previous.seq + 1,
    time: now.toISOString(),
    prev: previous.hash,
    ...AuditEventSchema.parse(event),
  };
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return entry;
}
