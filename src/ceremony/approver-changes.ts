import { refused } from '../common/errors';
import {
  type ApprovalProof,
  approveUnlock,
  enrollApprover,
  hasCurrentRecord,
  isEnrolled,
  newApproverRecord,
  writeUnlock,
} from '../policy/approvers';
import { stageChange } from './changes';
import { recordEvent } from './events';
import { currentHead, readSeal } from './seal';

/**
 * Approvers enrolled, unlocked and removed: on a device not sealed yet at once (the first seal shows
 * them), once sealed as staged changes that count only when a quorum accepts them. App and CLI alike.
 */

const sealed = (dataDir: string) => readSeal(dataDir) !== null;

/** Enrols an approver; the otpauth:// URI is returned once, for their authenticator app. */
export function enrolOrStageApprover(
  dataDir: string,
  request: { name: string; pin: string },
): { uri: string; staged: boolean } {
  if (!sealed(dataDir)) return { ...enrollApprover(dataDir, request), staged: false };
  // A record of the first format is refused when used, so enrolling again replaces it.
  if (hasCurrentRecord(dataDir, request.name))
    throw refused('APPROVER_EXISTS', `approver ${request.name} is already enrolled`);
  const { record, uri } = newApproverRecord(request);
  stageChange(dataDir, { kind: 'approver-enrol', name: request.name, record });
  recordEvent(dataDir, { event: 'approver-enrolled', approvers: [request.name], outcome: 'staged' });
  return { uri, staged: true };
}

/**
 * Another approver proves PIN and code to unlock `name`; the unlock is a sealed change, so failures
 * read back from the audit log cannot be cleared by editing files.
 */
export function unlockOrStageApprover(
  dataDir: string,
  { name, by, now = new Date() }: { name: string; by: ApprovalProof; now?: Date },
): { staged: boolean } {
  approveUnlock(dataDir, { name, by, now });
  if (!sealed(dataDir)) {
    writeUnlock(dataDir, name, currentHead(dataDir).seq);
    recordEvent(dataDir, { event: 'approver-unlocked', approvers: [name, by.name] }, now);
    return { staged: false };
  }
  stageChange(dataDir, { kind: 'approver-unlock', name, by: by.name });
  recordEvent(dataDir, { event: 'approver-unlocked', approvers: [name, by.name], outcome: 'staged' }, now);
  return { staged: true };
}

/** Stages an approver's removal for the quorum. */
export function stageApproverRemoval(dataDir: string, name: string): void {
  if (!isEnrolled(dataDir, name)) throw refused('APPROVER_UNKNOWN', `${name} is not an enrolled approver`);
  stageChange(dataDir, { kind: 'approver-remove', name });
  recordEvent(dataDir, { event: 'approver-removal-staged', approvers: [name] });
}
