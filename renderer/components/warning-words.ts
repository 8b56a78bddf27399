import type { ReviewWarning } from '../../src/psbt/review-model';
import type { Strings } from '../i18n';
import { formatDateTime } from './format';

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
