import { z } from 'zod';
import { AuditProblemSchema, auditProblemSentence } from '../audit/problems';
import { coded } from '../common/coded';

/**
 * How the data directory differs from its seal, as data: a stable code and typed parameters. The CLI,
 * audit `seal-broken` entries and error messages use `differenceSentence` (English); the app words
 * each code in the officer's language.
 */

const wallet = { wallet: z.string() };
const approver = { approver: z.string() };
const count = z.number().int().nonnegative();

/** A file of the data directory that exists and cannot be read. */
export const UnreadableFileSchema = z.discriminatedUnion('code', [
  coded('WALLET_FILE_UNREADABLE', wallet),
  /** Two wallet files register the same wallet (same keys and rules): `twin` is the first one. */
  coded('WALLET_FILE_TWIN', { ...wallet, twin: z.string() }),
  coded('POLICY_FILE_UNREADABLE', wallet),
  coded('APPROVERS_FILE_UNREADABLE', {}),
  coded('AIRGAP_FILE_UNREADABLE', {}),
]);
export type UnreadableFile = z.infer<typeof UnreadableFileSchema>;

export const SealDifferenceSchema = z.discriminatedUnion('code', [
  ...UnreadableFileSchema.options,
  coded('WALLET_REPLACED', wallet),
  coded('WALLET_DELETED', wallet),
  coded('WALLET_RENAMED', { ...wallet, now: z.string() }),
  coded('WALLET_EDITED', wallet),
  coded('POLICY_DELETED', wallet),
  coded('POLICY_EDITED', wallet),
  coded('WALLET_ADDED', wallet),
  /** A policy file whose wallet is not registered: `file` is its name. */
  coded('POLICY_FILE_ADDED', { file: z.string() }),
  coded('APPROVER_DELETED', approver),
  coded('APPROVER_REPLACED', approver),
  coded('APPROVER_ADDED', approver),
  coded('AIRGAP_DELETED', {}),
  coded('AIRGAP_EDITED', {}),
  coded('SEAL_FILE_DAMAGED', {}),
  /** The seal file is gone and the audit log records a seal at `entry`. */
  coded('SEAL_DELETED', { entry: count }),
  coded('AUDIT_LOG_DELETED', {}),
  /** `line` from 1; `problem` is what the audit verifier found wrong there. */
  coded('AUDIT_LOG_ALTERED', { line: count, sealedPart: z.boolean(), problem: AuditProblemSchema }),
  /** `entries` in the log, where the seal recorded `sealedEntries`. */
  coded('AUDIT_LOG_SHORTER', { entries: count, sealedEntries: count }),
  /** The sealed head's entry `entry` (from 0) is another entry: an older or other copy of the log. */
  coded('AUDIT_LOG_DIVERGES', { entry: count }),
]);
export type SealDifference = z.infer<typeof SealDifferenceSchema>;
export type DifferenceCode = SealDifference['code'];
export type DifferenceParams<C extends DifferenceCode> = Extract<SealDifference, { code: C }>['params'];

export const difference = <C extends DifferenceCode>(code: C, params: DifferenceParams<C>) =>
  ({ code, params }) as Extract<SealDifference, { code: C }>;

/** The unreadable file, named in English as the CONFIG_UNREADABLE error and the CLI name it. */
export function unreadableFileName(file: UnreadableFile): string {
  switch (file.code) {
    case 'WALLET_FILE_UNREADABLE':
      return `the wallet file ${file.params.wallet}.json`;
    case 'WALLET_FILE_TWIN':
      return `the wallet file ${file.params.wallet}.json registers the same wallet as ${file.params.twin}.json`;
    case 'POLICY_FILE_UNREADABLE':
      return `the policy file of wallet ${file.params.wallet}`;
    case 'APPROVERS_FILE_UNREADABLE':
      return 'the approvers file';
    case 'AIRGAP_FILE_UNREADABLE':
      return 'the air-gap settings file';
  }
}

/** The English sentence of a difference: what the CLI prints, the audit log records and errors say. */
export function differenceSentence(d: SealDifference): string {
  switch (d.code) {
    case 'WALLET_FILE_UNREADABLE':
    case 'WALLET_FILE_TWIN':
    case 'POLICY_FILE_UNREADABLE':
    case 'APPROVERS_FILE_UNREADABLE':
    case 'AIRGAP_FILE_UNREADABLE':
      return `${unreadableFileName(d)} cannot be read (edited or damaged)`;
    case 'WALLET_REPLACED':
      return `the wallet file ${d.params.wallet}.json was replaced by a different wallet (other keys or rules)`;
    case 'WALLET_DELETED':
      return `the wallet file ${d.params.wallet}.json was deleted`;
    case 'WALLET_RENAMED':
      return `wallet ${d.params.wallet} is now registered as ${d.params.now}`;
    case 'WALLET_EDITED':
      return `the wallet file ${d.params.wallet}.json was edited`;
    case 'POLICY_DELETED':
      return `the policy file of wallet ${d.params.wallet} was deleted`;
    case 'POLICY_EDITED':
      return `the policy of wallet ${d.params.wallet} was edited or replaced`;
    case 'WALLET_ADDED':
      return `the wallet file ${d.params.wallet}.json was added without the quorum`;
    case 'POLICY_FILE_ADDED':
      return `a policy file ${d.params.file} was added without the quorum`;
    case 'APPROVER_DELETED':
      return `approver ${d.params.approver}'s record was deleted`;
    case 'APPROVER_REPLACED':
      return `approver ${d.params.approver}'s record was replaced`;
    case 'APPROVER_ADDED':
      return `approver ${d.params.approver} was added without the quorum`;
    case 'AIRGAP_DELETED':
      return 'the air-gap settings file was deleted';
    case 'AIRGAP_EDITED':
      return 'the air-gap settings were edited';
    case 'SEAL_FILE_DAMAGED':
      return 'the seal file was edited or damaged';
    case 'SEAL_DELETED':
      return `the seal file was deleted (the audit log records a seal at entry ${d.params.entry}); nothing is signed until a quorum seals again`;
    case 'AUDIT_LOG_DELETED':
      return 'the audit log was deleted';
    case 'AUDIT_LOG_ALTERED':
      return `the audit log was altered at line ${d.params.line}${d.params.sealedPart ? ', inside its sealed part' : ''}: ${auditProblemSentence(d.params.problem)}`;
    case 'AUDIT_LOG_SHORTER':
      return `the audit log is shorter than its sealed head: ${d.params.entries} entries where the seal recorded ${d.params.sealedEntries}`;
    case 'AUDIT_LOG_DIVERGES':
      return `the audit log diverges from its sealed head at entry ${d.params.entry} (an older or other copy)`;
  }
}

export const differenceSentences = (list: readonly SealDifference[]): string[] =>
  list.map(differenceSentence);
