import { describe, expect, it } from 'vitest';
import { violationDetail, warningDetail } from '../../../renderer/components/warning-words';
import { en } from '../../../renderer/i18n/en';
import { ja } from '../../../renderer/i18n/ja';
import {
  TypedViolationSchema,
  type ViolationCode,
  type ViolationParams,
  violation,
} from '../../../src/policy/violations';
import {
  type ReviewWarning,
  ReviewWarningSchema,
  WARNING,
  type WarningCode,
  type WarningParams,
  warning,
} from '../../../src/psbt/warnings';

/** One warning of every code, with parameters a review could give (indexes from 0). */
const SAMPLES: { [C in WarningCode]: WarningParams<C> } = {
  PROOF_OF_RESERVES: {},
  UNKNOWN_INPUT: { inputs: [1, 4], wallet: 'treasury' },
  MISSING_AMOUNT: { inputs: [0] },
  WITNESS_UTXO_ONLY: { inputs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  MISSING_PREVIOUS_TX: { inputs: [2] },
  NONSTANDARD_SIGHASH: { inputs: [6] },
  FOREIGN_CHANGE: { outputs: [1], wallet: 'treasury' },
  HIGH_FEE: { fee: 90_000, feeRate: 402.5, percent: 90, of: 'sent' },
  LOW_FEE_RATE: { feeRate: 0.8, minimum: 1 },
  LOCKTIME: { until: 'time', value: 1_900_000_000 },
};
const samples = (Object.keys(SAMPLES) as WarningCode[]).map((code) => warning(code, SAMPLES[code] as never));
const sats = (n: number) => `${n} sats`;

describe('warnings in the officer’s language', () => {
  it('has a title and a detail in English and Japanese for every warning code', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.values(WARNING).sort());
    for (const w of samples) {
      expect(ReviewWarningSchema.parse(w)).toEqual(w);
      expect(en.warnings[w.code], w.code).toMatch(/\S/);
      expect(ja.warnings[w.code], w.code).toMatch(/\S/);
      const english = warningDetail(en, w, sats);
      const japanese = warningDetail(ja, w, sats);
      for (const text of [english, japanese]) expect(text, w.code).not.toMatch(/undefined|NaN|\[object/);
      expect(japanese, w.code).not.toBe(english);
      // Japanese text keeps only names, numbers and units in Latin letters, never an English sentence.
      expect(japanese, w.code).not.toMatch(/\b(the|is|of|not|input|output|fee)\b/i);
    }
  });

  it('numbers inputs and outputs from 1 as the tables do, and words the parameters', () => {
    const byCode = (code: WarningCode) => samples.find((w) => w.code === code) as ReviewWarning;
    expect(warningDetail(en, byCode('UNKNOWN_INPUT'), sats)).toBe(
      'Inputs 2, 5: not part of wallet treasury; this device will not sign it.',
    );
    expect(warningDetail(ja, byCode('UNKNOWN_INPUT'), sats)).toBe(
      'インプット 2、5:ウォレット treasury のものではありません。この端末は署名しません。',
    );
    expect(warningDetail(en, byCode('MISSING_AMOUNT'), sats)).toMatch(/^Input 1: /);
    expect(warningDetail(en, byCode('WITNESS_UTXO_ONLY'), sats)).toMatch(
      /^Inputs 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more: /,
    );
    expect(warningDetail(ja, byCode('FOREIGN_CHANGE'), sats)).toMatch(/^アウトプット 2:/);
    expect(warningDetail(en, byCode('HIGH_FEE'), sats)).toBe(
      'The fee of 90000 sats (402.5 sat/vB) is 90% of the amount sent.',
    );
    expect(warningDetail(ja, byCode('HIGH_FEE'), sats)).toBe(
      '手数料 90000 sats(402.5 sat/vB)は送金額の 90% です。',
    );
    expect(warningDetail(ja, byCode('LOW_FEE_RATE'), sats)).toContain('0.8 sat/vB');
    // A time lock is written as the locale writes dates.
    expect(warningDetail(en, byCode('LOCKTIME'), sats)).toContain('2030');
    expect(warningDetail(ja, byCode('LOCKTIME'), sats)).toContain('2030/');
  });

  it('keeps the English sentence for the CLI, made from the same parameters', () => {
    expect(warning(WARNING.UNKNOWN_INPUT, SAMPLES.UNKNOWN_INPUT).message).toBe(
      'inputs 2, 5: not part of wallet treasury; this signer will not sign it',
    );
    expect(warning(WARNING.LOCKTIME, { until: 'block', value: 800_000 }).message).toBe(
      'the transaction cannot be confirmed before block 800000',
    );
  });
});

const ADDRESS = 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7';
const VIOLATIONS: { [C in ViolationCode]: ViolationParams<C> } = {
  DESTINATION_NOT_ALLOWED: { output: 0, address: ADDRESS },
  OVER_TX_LIMIT: { sent: 150_000_000, limit: 100_000_000 },
  OVER_DAILY_LIMIT: { signedBefore: 90_000_000, sent: 20_000_000, limit: 100_000_000 },
  FEE_UNKNOWN: {},
  FEE_TOO_HIGH: { fee: 60_000, cap: 50_000 },
  FEE_RATE_TOO_HIGH: { feeRate: 120.25, cap: 100 },
  UNKNOWN_APPROVER: { approver: 'mallory' },
  APPROVALS_MISSING: { required: 2, given: 1 },
  CROSS_OWNER_TRANSFER: { output: 2, from: 'customer', to: 'company', wallet: 'ops' },
  CROSS_OWNER_APPROVALS_MISSING: {
    output: 1,
    from: 'company',
    to: null,
    wallet: 'ops',
    required: 2,
    approvers: ['alice', 'bob'],
    given: 1,
  },
  UNPROVEN_AMOUNT: { inputs: [0, 2] },
  FRAUDULENT_CHANGE: { outputs: [1], wallet: 'treasury' },
};

describe('policy violations in the officer’s language', () => {
  const violations = (Object.keys(VIOLATIONS) as ViolationCode[]).map((code) =>
    violation(code, VIOLATIONS[code] as never),
  );

  it('words every violation code in English and Japanese from its parameters', () => {
    for (const v of violations) {
      expect(TypedViolationSchema.parse(v)).toEqual(v);
      const english = violationDetail(en, v, sats) ?? '';
      const japanese = violationDetail(ja, v, sats) ?? '';
      for (const text of [english, japanese]) expect(text, v.code).toMatch(/\S/);
      for (const text of [english, japanese]) expect(text, v.code).not.toMatch(/undefined|NaN|\[object/);
      expect(japanese, v.code).not.toBe(english);
      expect(japanese, v.code).not.toMatch(/\b(the|is|of|not|input|output|fee|funds)\b/i);
    }
  });

  it('shows the destination in groups of four and numbers from 1', () => {
    const destination = violations[0]!;
    expect(violationDetail(en, destination, sats)).toBe(
      'Output 1 pays tb1q rp33 g0q5 c5tx sp9a rysr x4k6 zdkf s4nc e4xj 0gdc ccef vpys xf3q 0sl5 k7, which is not an allowed destination.',
    );
    expect(violationDetail(ja, destination, sats)).toContain('アウトプット 1 ');
    expect(violationDetail(ja, violations.find((v) => v.code === 'UNPROVEN_AMOUNT')!, sats)).toMatch(
      /^インプット 1、3:/,
    );
    // The seal's refusals carry no parameters: the screen shows their code's sentence alone.
    expect(
      violationDetail(ja, { code: 'SEAL_MISSING', message: 'the device is not sealed' }, sats),
    ).toBeNull();
  });

  it('keeps the CLI’s English sentences as they were', () => {
    expect(violation('OVER_TX_LIMIT', VIOLATIONS.OVER_TX_LIMIT).message).toBe(
      'this transaction sends 1.50000000 BTC; the limit per transaction is 1.00000000 BTC',
    );
    expect(violation('UNPROVEN_AMOUNT', VIOLATIONS.UNPROVEN_AMOUNT).message).toMatch(
      /^inputs 1, 3: the amount is not proven/,
    );
    expect(violation('CROSS_OWNER_TRANSFER', VIOLATIONS.CROSS_OWNER_TRANSFER).message).toBe(
      'output 3: customer funds may not move to a company wallet (ops) unless the policy allows it',
    );
  });
});
