import { readFileSync } from 'node:fs';
import { type AuditEntry, AuditEntrySchema, auditPath, GENESIS_HASH, sha256Hex } from './log';
import { type AuditProblem, auditProblem } from './problems';

interface AuditLogCount {
  /** Entries that verify, from the first. */
  entries: number;
  /** A final line without its newline: a write cut short by a crash, never a complete entry. */
  incompleteFinalLine: boolean;
}

/** An intact chain, or the 1-based line of the first problem and what is wrong there. */
export type AuditVerification =
  | ({ ok: true } & AuditLogCount)
  | ({ ok: false; firstBadLine: number; problem: AuditProblem } & AuditLogCount);

/** Complete entries of the log with their raw lines; a torn final line is left out. */
export function readAuditLines(dataDir: string): { lines: string[]; incompleteFinalLine: boolean } {
  let text: string;
  try {
    text = readFileSync(auditPath(dataDir), 'utf8');
  } catch {
    return { lines: [], incompleteFinalLine: false };
  }
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  return { lines, incompleteFinalLine: tail.length > 0 };
}

/**
 * Checks the hash chain: each line parses, its sequence number is its position, and its `prev` is the
 * SHA-256 of the line before. Any edit, removal, insertion or reordering breaks one of these at the
 * first affected line. Given `log`, it checks those very lines, so a caller that goes on to use them
 * uses what was verified.
 */
export function verifyAuditLog(dataDir: string, log = readAuditLines(dataDir)): AuditVerification {
  const { lines, incompleteFinalLine } = log;
  let previousHash = GENESIS_HASH;
  for (const [i, line] of lines.entries()) {
    const bad = (problem: AuditProblem): AuditVerification => ({
      ok: false,
      entries: i,
      firstBadLine: i + 1,
      problem,
      incompleteFinalLine,
    });
    let entry: AuditEntry;
    try {
      const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) return bad(auditProblem('AUDIT_NOT_AN_ENTRY', {}));
      entry = parsed.data;
    } catch {
      return bad(auditProblem('AUDIT_NOT_JSON', {}));
    }
    if (entry.seq !== i) return bad(auditProblem('AUDIT_SEQUENCE', { found: entry.seq, expected: i }));
    if (entry.prev !== previousHash) return bad(auditProblem('AUDIT_CHAIN_BROKEN', {}));
    previousHash = sha256Hex(line);
  }
  return { ok: true, entries: lines.length, incompleteFinalLine };
}

export function readAuditEntries(dataDir: string): AuditEntry[] {
  return readAuditLines(dataDir).lines.map((line) => AuditEntrySchema.parse(JSON.parse(line)));
}
