import type { ReadRecord } from '../ceremony/events';

/** Consecutive failures after which an approver is locked until a quorum accepts their unlock. */
export const MAX_FAILURES = 5;

export interface ApproverHistory {
  /** Failures in a row since the last success or the last unlock. */
  failures: number;
  locked: boolean;
  /** The last TOTP step accepted from them: a code is used once. */
  lastStep: number;
}

/**
 * An approver's attempts as the hash-chained audit log tells them, never as a file that anyone with
 * the disk could reset: failures after `countsAfter` (the sealed record's enrolment or last unlock), cleared by a
 * success, locking at MAX_FAILURES until the next sealed unlock. What the log holds up to its sealed
 * head cannot be cut without the next signature refusing; entries after it are not protected.
 */
export function approverHistory(
  records: readonly ReadRecord[],
  name: string,
  countsAfter = -1,
): ApproverHistory {
  let failures = 0;
  let locked = false;
  let lastStep = 0;
  for (const record of records) {
    if (record.approvers?.[0] !== name) continue;
    if (record.event === 'approval') {
      const step = record.details?.step;
      if (typeof step === 'number' && step > lastStep) lastStep = step;
      if (record.seq > countsAfter && !locked) failures = 0;
    } else if (record.event === 'approval-failed' && record.seq > countsAfter && !locked) {
      failures += 1;
      locked = failures >= MAX_FAILURES;
    }
  }
  return { failures, locked, lastStep };
}
