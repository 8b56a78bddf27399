import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { internalError } from '../common/errors';

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

/**
 * The last complete entry's sequence number and hash. A final line without its newline is a write cut
 * short by a crash: it was never a complete entry, so it is cut off before the next append.
 */
function tailOf(fd: number): { seq: number; hash: string; completeLength: number } {
  const size = fstatSync(fd).size;
  const text = Buffer.alloc(size);
  readSync(fd, text, 0, size, 0);
  const completeLength = text.lastIndexOf(0x0a) + 1;
  const lines = text.subarray(0, completeLength).toString('utf8').split('\n');
  lines.pop();
  const last = lines.at(-1);
  if (!last) return { seq: -1, hash: GENESIS_HASH, completeLength };
  const entry = AuditEntrySchema.parse(JSON.parse(last));
  return { seq: entry.seq, hash: sha256Hex(last), completeLength };
}

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 10_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose writer died (killed mid-append) or that is very old is taken over. */
function lockIsStale(lockPath: string): boolean {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8'));
    const age = Date.now() - statSync(lockPath).mtimeMs;
    if (Number.isInteger(pid) && pid > 0) return !processAlive(pid) || age > LOCK_STALE_MS;
    // A writer killed between creating the lock and writing its pid leaves it empty.
    return age > 1000;
  } catch {
    return false;
  }
}

/** An exclusive lock file around read-tail-and-append, so two processes never interleave or reuse a seq. */
function withLock<T>(dataDir: string, run: () => T): T {
  const lockPath = join(dataDir, `${AUDIT_FILE}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(lockPath)) rmSync(lockPath, { force: true });
      else if (Date.now() - started > LOCK_WAIT_MS)
        throw internalError('AUDIT_LOCKED', 'the audit log is locked by another process');
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
  try {
    return run();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

/**
 * Appends one hash-chained entry with fsync, under the lock. The file is only ever appended to; the one
 * exception is a torn final line from a crashed write, which never was an entry and is cut off first.
 */
export function appendAuditEvent(dataDir: string, event: AuditEvent, now: Date = new Date()): AuditEntry {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const fields = AuditEventSchema.parse(event);
  return withLock(dataDir, () => {
    const fd = openSync(auditPath(dataDir), 'a+', 0o600);
    try {
      const previous = tailOf(fd);
      if (previous.completeLength < fstatSync(fd).size) ftruncateSync(fd, previous.completeLength);
      const entry: AuditEntry = {
        seq: previous.seq + 1,
        time: now.toISOString(),
        prev: previous.hash,
        ...fields,
      };
      // One write of the whole line; O_APPEND puts it at the (possibly just truncated) end.
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
      return entry;
    } finally {
      closeSync(fd);
    }
  });
}

/** Time of the last complete entry, or null for an empty log. */
export function readLastAuditTime(dataDir: string): Date | null {
  let text: string;
  try {
    text = readFileSync(auditPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  lines.pop();
  const last = lines.at(-1);
  return last ? new Date(AuditEntrySchema.parse(JSON.parse(last)).time) : null;
}
