import type { ReviewWarning } from './review-model';

/** Warning codes of the review model; stable, shared by the CLI, the app and the tests. */
export const WARNING = {
  /** A segwit input's amount comes only from its witness UTXO, which the fee attack can lie about. */
  WITNESS_UTXO_ONLY: 'WITNESS_UTXO_ONLY',
  /** The PSBT gives no amount for an input, so the fee is unknown. */
  MISSING_AMOUNT: 'MISSING_AMOUNT',
  /** An input does not belong to the registered wallet; this signer leaves it alone. */
  UNKNOWN_INPUT: 'UNKNOWN_INPUT',
  /** An output claims a path under our keys but does not re-derive from the wallet. */
  FOREIGN_CHANGE: 'FOREIGN_CHANGE',
  /** The fee is more than a few percent of the amount sent, or an extreme rate. */
  HIGH_FEE: 'HIGH_FEE',
  /** The fee rate is below what nodes relay, so the transaction may never confirm. */
  LOW_FEE_RATE: 'LOW_FEE_RATE',
  /** An input requests a sighash type other than SIGHASH_ALL. */
  NONSTANDARD_SIGHASH: 'NONSTANDARD_SIGHASH',
  /** The transaction cannot be mined before a block height or time. */
  LOCKTIME: 'LOCKTIME',
  /** A legacy P2SH input of ours comes without its previous transaction, so its amount is unproven. */
  MISSING_PREVIOUS_TX: 'MISSING_PREVIOUS_TX',
  /** A BIP-127 proof of reserves: it moves nothing and can never be confirmed. */
  PROOF_OF_RESERVES: 'PROOF_OF_RESERVES',
} as const;
export type WarningCode = (typeof WARNING)[keyof typeof WARNING];

/**
 * Fee above this share of the amount sent (of the inputs when nothing leaves the wallet), or above
 * this rate in sat/vB, is flagged, as Coldcard flags a big fee by percentage.
 */
export const HIGH_FEE_SHARE = 0.05;
export const HIGH_FEE_RATE = 1000;
/** Bitcoin Core's default minimum relay fee rate, in sat/vB. */
export const MIN_RELAY_FEE_RATE = 1;

/**
 * "input 3" / "inputs 1, 4, 7": warnings name every affected index once, not one warning per input.
 * Indexes are given from 0 and shown from 1, as the review screen numbers inputs and outputs.
 */
export function listIndexes(noun: 'input' | 'output', indexes: number[]): string {
  const numbers = indexes.map((i) => i + 1);
  if (numbers.length === 1) return `${noun} ${numbers[0]}`;
  const shown = numbers.slice(0, 10).join(', ');
  return `${noun}s ${shown}${indexes.length > 10 ? ` and ${indexes.length - 10} more` : ''}`;
}

/** The percentage `fee` is of `base`, one decimal: what the review screen shows and HIGH_FEE says. */
export function feePercent(fee: number, base: number): number {
  return Math.round((fee / base) * 1000) / 10;
}

export function warning(code: WarningCode, message: string): ReviewWarning {
  return { code, message };
}
