import { z } from 'zod';
import { coded } from '../common/coded';

const seq = z.number().int().nonnegative();

/**
 * What is wrong at the first bad line of the audit log, as data: a stable code and typed parameters.
 * The CLI and errors use `auditProblemSentence` (English); the app words each code in the officer's language.
 */
export const AuditProblemSchema = z.discriminatedUnion('code', [
  coded('AUDIT_NOT_JSON', {}),
  /** Valid JSON without the audit entry's fields. */
  coded('AUDIT_NOT_AN_ENTRY', {}),
  /** The entry carries sequence number `found` at the position of `expected`. */
  coded('AUDIT_SEQUENCE', { found: seq, expected: seq }),
  /** Its `prev` is not the hash of the line before. */
  coded('AUDIT_CHAIN_BROKEN', {}),
]);
export type AuditProblem = z.infer<typeof AuditProblemSchema>;
export type AuditProblemCode = AuditProblem['code'];
export type AuditProblemParams<C extends AuditProblemCode> = Extract<AuditProblem, { code: C }>['params'];

export const auditProblem = <C extends AuditProblemCode>(code: C, params: AuditProblemParams<C>) =>
  ({ code, params }) as Extract<AuditProblem, { code: C }>;

/** The English account of an audit problem, as `airlock audit` prints it. */
export function auditProblemSentence(p: AuditProblem): string {
  switch (p.code) {
    case 'AUDIT_NOT_JSON':
      return 'the line is not valid JSON';
    case 'AUDIT_NOT_AN_ENTRY':
      return 'the entry does not have the audit entry fields';
    case 'AUDIT_SEQUENCE':
      return `sequence number ${p.params.found} where ${p.params.expected} was expected (an entry was removed, inserted or moved)`;
    case 'AUDIT_CHAIN_BROKEN':
      return 'the hash of the previous entry does not match (the previous entry was changed, or this one moved)';
  }
}
