import { describe, expect, it } from 'vitest';
import { differenceWords } from '../../../renderer/components/difference-words';
import { en } from '../../../renderer/i18n/en';
import { ja } from '../../../renderer/i18n/ja';
import {
  type DifferenceCode,
  type DifferenceParams,
  difference,
  differenceSentence,
  SealDifferenceSchema,
} from '../../../src/ceremony/differences';

/**
 * One difference of every code with the English sentence the CLI, audit entries and errors have
 * always printed for it, written out here rather than derived from the code under test.
 */
const SAMPLES: { [C in DifferenceCode]: [DifferenceParams<C>, string] } = {
  WALLET_FILE_UNREADABLE: [
    { wallet: 'treasury' },
    'the wallet file treasury.json cannot be read (edited or damaged)',
  ],
  WALLET_FILE_TWIN: [
    { wallet: 'loophole', twin: 'treasury' },
    'the wallet file loophole.json registers the same wallet as treasury.json cannot be read (edited or damaged)',
  ],
  POLICY_FILE_UNREADABLE: [
    { wallet: 'treasury' },
    'the policy file of wallet treasury cannot be read (edited or damaged)',
  ],
  APPROVERS_FILE_UNREADABLE: [{}, 'the approvers file cannot be read (edited or damaged)'],
  AIRGAP_FILE_UNREADABLE: [{}, 'the air-gap settings file cannot be read (edited or damaged)'],
  WALLET_REPLACED: [
    { wallet: 'treasury' },
    'the wallet file treasury.json was replaced by a different wallet (other keys or rules)',
  ],
  WALLET_DELETED: [{ wallet: 'treasury' }, 'the wallet file treasury.json was deleted'],
  WALLET_RENAMED: [{ wallet: 'treasury', now: 'ops' }, 'wallet treasury is now registered as ops'],
  WALLET_EDITED: [{ wallet: 'treasury' }, 'the wallet file treasury.json was edited'],
  POLICY_DELETED: [{ wallet: 'treasury' }, 'the policy file of wallet treasury was deleted'],
  POLICY_EDITED: [{ wallet: 'treasury' }, 'the policy of wallet treasury was edited or replaced'],
  WALLET_ADDED: [{ wallet: 'ops' }, 'the wallet file ops.json was added without the quorum'],
  POLICY_FILE_ADDED: [{ file: 'abc.json' }, 'a policy file abc.json was added without the quorum'],
  APPROVER_DELETED: [{ approver: 'alice' }, "approver alice's record was deleted"],
  APPROVER_REPLACED: [{ approver: 'alice' }, "approver alice's record was replaced"],
  APPROVER_ADDED: [{ approver: 'mallory' }, 'approver mallory was added without the quorum'],
  AIRGAP_DELETED: [{}, 'the air-gap settings file was deleted'],
  AIRGAP_EDITED: [{}, 'the air-gap settings were edited'],
  SEAL_FILE_DAMAGED: [{}, 'the seal file was edited or damaged'],
  SEAL_DELETED: [
    { entry: 4 },
    'the seal file was deleted (the audit log records a seal at entry 4); nothing is signed until a quorum seals again',
  ],
  AUDIT_LOG_DELETED: [{}, 'the audit log was deleted'],
  AUDIT_LOG_ALTERED: [
    { line: 3, sealedPart: true, problem: { code: 'AUDIT_NOT_JSON', params: {} } },
    'the audit log was altered at line 3, inside its sealed part: the line is not valid JSON',
  ],
  AUDIT_LOG_SHORTER: [
    { entries: 2, sealedEntries: 5 },
    'the audit log is shorter than its sealed head: 2 entries where the seal recorded 5',
  ],
  AUDIT_LOG_DIVERGES: [
    { entry: 7 },
    'the audit log diverges from its sealed head at entry 7 (an older or other copy)',
  ],
};
const codes = Object.keys(SAMPLES) as DifferenceCode[];
const samples = codes.map((code) => difference(code, SAMPLES[code][0] as never));

describe('seal differences in the officer’s language', () => {
  it('covers every difference code the schema knows', () => {
    expect(codes.sort()).toEqual(SealDifferenceSchema.options.map((o) => o.shape.code.value).sort());
    for (const d of samples) expect(SealDifferenceSchema.parse(d)).toEqual(d);
  });

  it('keeps the English sentence of every code as the CLI and the audit log have it', () => {
    for (const d of samples) expect(differenceSentence(d), d.code).toBe(SAMPLES[d.code][1]);
  });

  it('words every difference code in English and Japanese, with its parameters', () => {
    for (const d of samples) {
      const english = differenceWords(en, d);
      const japanese = differenceWords(ja, d);
      for (const text of [english, japanese]) expect(text, d.code).not.toMatch(/undefined|NaN|\[object/);
      for (const value of Object.values(d.params))
        if (typeof value !== 'boolean' && typeof value !== 'object')
          for (const text of [english, japanese]) expect(text, d.code).toContain(String(value));
      expect(japanese, d.code).not.toBe(english);
      // Japanese keeps only names, numbers and file names in Latin letters, never an English sentence.
      expect(japanese, d.code).not.toMatch(/\b(the|was|is|of|file|wallet|approver|audit|seal)\b/i);
    }
  });

  it('words a sealed part of the audit log apart from a part written since, with what is wrong there', () => {
    const at = (sealedPart: boolean) =>
      difference('AUDIT_LOG_ALTERED', {
        line: 3,
        sealedPart,
        problem: { code: 'AUDIT_SEQUENCE', params: { found: 4, expected: 2 } },
      });
    const reason =
      'it carries sequence number 4 where 2 was expected (an entry was removed, inserted or moved)';
    expect(differenceWords(en, at(true))).toBe(
      `The audit log was altered at line 3, inside its sealed part: ${reason}.`,
    );
    expect(differenceWords(en, at(false))).toBe(`The audit log was altered at line 3: ${reason}.`);
    const jaReason =
      '連番が 2 であるべきところ 4 になっています(エントリが削除、挿入、または移動されています)';
    expect(differenceWords(ja, at(true))).toBe(
      `監査ログの 3 行目が改変されています(封印済みの部分):${jaReason}。`,
    );
    expect(differenceWords(ja, at(false))).toBe(`監査ログの 3 行目が改変されています:${jaReason}。`);
  });
});
