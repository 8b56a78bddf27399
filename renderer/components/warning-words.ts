import type { PolicyViolation } from '../../src/policy/violations';
import type { ReviewWarning } from '../../src/psbt/review-model';
import type { Strings } from '../i18n';
import { addressGroups, formatDateTime } from './format';

/** Numbers shown in a sentence before "and N more", as the core's English sentence lists them. */
const LISTED = 10;

/** Indexes from 0 as numbers from 1, the way the review tables number inputs and outputs. */
function numbers(strings: Strings, indexes: readonly number[]): string {
  const words = strings.warningDetail;
  const shown = indexes.slice(0, LISTED).map((i) => (i + 1).toLocaleString(strings.locale));
  return `${shown.join(words.separator)}${indexes.length > LISTED ? words.more(indexes.length - LISTED) : ''}`;
}

/**
 * A warning's detail in the screen's language, from its code and typed parameters (the core's
 * `message` is the CLI's English). `amount` writes satoshis in the unit the officer chose.
 */
export function warningDetail(
  strings: Strings,
  warning: ReviewWarning,
  amount: (sats: number) => string,
): string {
  const words = strings.warningDetail;
  const inputs = (list: number[]) => words.inputs(numbers(strings, list), list.length);
  const rate = (value: number) => value.toLocaleString(strings.locale, { maximumFractionDigits: 2 });
  switch (warning.code) {
    case 'PROOF_OF_RESERVES':
      return words.PROOF_OF_RESERVES;
    case 'UNKNOWN_INPUT':
      return words.UNKNOWN_INPUT(inputs(warning.params.inputs), warning.params.wallet);
    case 'MISSING_AMOUNT':
      return words.MISSING_AMOUNT(inputs(warning.params.inputs));
    case 'WITNESS_UTXO_ONLY':
      return words.WITNESS_UTXO_ONLY(inputs(warning.params.inputs));
    case 'MISSING_PREVIOUS_TX':
      return words.MISSING_PREVIOUS_TX(inputs(warning.params.inputs));
    case 'NONSTANDARD_SIGHASH':
      return words.NONSTANDARD_SIGHASH(inputs(warning.params.inputs));
    case 'FOREIGN_CHANGE': {
      const { outputs, wallet } = warning.params;
      return words.FOREIGN_CHANGE(words.outputs(numbers(strings, outputs), outputs.length), wallet);
    }
    case 'HIGH_FEE': {
      const { fee, feeRate, percent, of } = warning.params;
      return words.HIGH_FEE(amount(fee), rate(feeRate), rate(percent), of === 'sent');
    }
    case 'LOW_FEE_RATE':
      return words.LOW_FEE_RATE(rate(warning.params.feeRate), rate(warning.params.minimum));
    case 'LOCKTIME':
      return warning.params.until === 'block'
        ? words.LOCKTIME_BLOCK(String(warning.params.value))
        : words.LOCKTIME_TIME(
            formatDateTime(new Date(warning.params.value * 1000).toISOString(), strings.locale),
          );
  }
}

/**
 * A policy violation's detail in the screen's language from its parameters (addresses in groups of
 * four, amounts in the chosen unit), or null for one that has none (the seal's refusals).
 */
export function violationDetail(
  strings: Strings,
  violation: PolicyViolation,
  amount: (sats: number) => string,
): string | null {
  if (!('params' in violation)) return null;
  const words = strings.violationDetail;
  const rate = (value: number) => value.toLocaleString(strings.locale, { maximumFractionDigits: 1 });
  const one = (index: number) => numbers(strings, [index]);
  switch (violation.code) {
    case 'DESTINATION_NOT_ALLOWED': {
      const { output, address } = violation.params;
      return words.DESTINATION_NOT_ALLOWED(
        one(output),
        address ? addressGroups(address).join(' ') : words.noAddress,
      );
    }
    case 'OVER_TX_LIMIT':
      return words.OVER_TX_LIMIT(amount(violation.params.sent), amount(violation.params.limit));
    case 'OVER_DAILY_LIMIT': {
      const { signedBefore, sent, limit } = violation.params;
      return words.OVER_DAILY_LIMIT(amount(signedBefore), amount(sent), amount(limit));
    }
    case 'FEE_UNKNOWN':
      return words.FEE_UNKNOWN;
    case 'FEE_TOO_HIGH':
      return words.FEE_TOO_HIGH(amount(violation.params.fee), amount(violation.params.cap));
    case 'FEE_RATE_TOO_HIGH':
      return words.FEE_RATE_TOO_HIGH(rate(violation.params.feeRate), rate(violation.params.cap));
    case 'UNKNOWN_APPROVER':
      return words.UNKNOWN_APPROVER(violation.params.approver);
    case 'APPROVALS_MISSING':
      return words.APPROVALS_MISSING(violation.params.required, violation.params.given);
    case 'CROSS_OWNER_TRANSFER': {
      const { output, from, wallet } = violation.params;
      return words.CROSS_OWNER_TRANSFER(one(output), words.funds(from), wallet);
    }
    case 'CROSS_OWNER_APPROVALS_MISSING': {
      const { output, from, wallet, required, approvers, given } = violation.params;
      return words.CROSS_OWNER_APPROVALS_MISSING(
        one(output),
        words.funds(from),
        wallet,
        required,
        approvers.join(strings.warningDetail.separator),
        given,
      );
    }
    case 'UNPROVEN_AMOUNT': {
      const { inputs } = violation.params;
      return words.UNPROVEN_AMOUNT(strings.warningDetail.inputs(numbers(strings, inputs), inputs.length));
    }
    case 'FRAUDULENT_CHANGE': {
      const { outputs, wallet } = violation.params;
      return words.FRAUDULENT_CHANGE(
        strings.warningDetail.outputs(numbers(strings, outputs), outputs.length),
        wallet,
      );
    }
  }
}
