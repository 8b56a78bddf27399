import { z } from 'zod';

/**
 * An approver's secret (the `pin` field of enrolment, approvals files and IPC): a passphrase of 12 to
 * 128 characters. It alone guards the approver's TOTP secret in a copied approvers.json, so it must
 * hold out against an offline search at the KDF's cost (about a second per try): 12 characters is
 * 10^12 tries even for digits only. The one rule for enrolment, the CLI and IPC.
 */
export const APPROVER_SECRET_MIN = 12;
export const APPROVER_SECRET_MAX = 128;
export const APPROVER_SECRET_RULE = `an approver passphrase has ${APPROVER_SECRET_MIN} to ${APPROVER_SECRET_MAX} characters`;

export const ApproverSecretSchema = z.string().refine(
  (text) => {
    const length = [...text.normalize('NFKC')].length;
    return length >= APPROVER_SECRET_MIN && length <= APPROVER_SECRET_MAX && text.trim() === text;
  },
  { message: APPROVER_SECRET_RULE },
);
