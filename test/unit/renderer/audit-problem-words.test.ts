import { describe, expect, it } from 'vitest';
import { codedWords } from '../../../renderer/i18n/coded-words';
import { en } from '../../../renderer/i18n/en';
import { ja } from '../../../renderer/i18n/ja';
import {
  type AuditProblem,
  type AuditProblemCode,
  type AuditProblemParams,
  AuditProblemSchema,
  auditProblemSentence,
} from '../../../src/audit/problems';

/**
 * One problem of every code with the English sentence `airlock audit` has always printed for it,
 * written out here rather than derived from the code under test.
 */
const SAMPLES: { [C in AuditProblemCode]: [AuditProblemParams<C>, string] } = {
  AUDIT_NOT_JSON: [{}, 'the line is not valid JSON'],
  AUDIT_NOT_AN_ENTRY: [{}, 'the entry does not have the audit entry fields'],
  AUDIT_SEQUENCE: [
    { found: 5, expected: 3 },
    'sequence number 5 where 3 was expected (an entry was removed, inserted or moved)',
  ],
  AUDIT_CHAIN_BROKEN: [
    {},
    'the hash of the previous entry does not match (the previous entry was changed, or this one moved)',
  ],
};
const codes = Object.keys(SAMPLES) as AuditProblemCode[];
const samples = codes.map((code) => ({ code, params: SAMPLES[code][0] }) as AuditProblem);

describe('audit log problems in the officer’s language', () => {
  it('covers every problem code the schema knows', () => {
    expect(codes.sort()).toEqual(AuditProblemSchema.options.map((o) => o.shape.code.value).sort());
    for (const p of samples) expect(AuditProblemSchema.parse(p)).toEqual(p);
  });

  it('keeps the English sentence of every code as the CLI has it', () => {
    for (const p of samples) expect(auditProblemSentence(p), p.code).toBe(SAMPLES[p.code][1]);
  });

  it('words every problem code in English and Japanese, with its parameters', () => {
    for (const p of samples) {
      const english = codedWords(en.auditProblems, p);
      const japanese = codedWords(ja.auditProblems, p);
      for (const text of [english, japanese]) {
        expect(text, p.code).toMatch(/\S/);
        expect(text, p.code).not.toMatch(/undefined|NaN|\[object/);
        for (const value of Object.values(p.params)) expect(text, p.code).toContain(String(value));
      }
      expect(japanese, p.code).not.toBe(english);
      // Japanese keeps only JSON and numbers in Latin letters, never an English sentence.
      expect(japanese, p.code).not.toMatch(/\b(the|was|is|of|line|entry|hash|audit)\b/i);
    }
  });

  it('tells the Audit screen the line and what is wrong there, in both languages', () => {
    const broken = { line: 7, problem: { code: 'AUDIT_CHAIN_BROKEN', params: {} } } as const;
    expect(en.audit.broken(broken)).toBe(
      'The audit log has been altered at line 7: the hash of the previous entry does not match (the previous entry was changed, or this one moved).',
    );
    expect(ja.audit.broken(broken)).toBe(
      '監査ログの 7 行目が改ざんされています:直前のエントリのハッシュが一致しません(直前のエントリが変更されたか、この行が移動されています)。',
    );
  });
});
