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
  /** The fee is a large share of the amount spent or an extreme rate. */
  HIGH_FEE: 'HIGH_FEE',
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

/** Fee above this share of the inputs, or above this rate, is flagged. */
export const HIGH_FEE_SHARE = 0.1;
export const HIGH_FEE_RATE = 1000;

/** "input 3" / "inputs 1, 4 and 7": warnings name every affected index once, not one warning per input. */
export function listIndexes(noun: 'input' | 'output', indexes: number[]): string {
  if (indexes.length === 1) return `${noun} ${indexes[0]}`;
  const shown = indexes.slice(0, 10).join(', ');
  return `${noun}s ${shown}${indexes.length > 10 ? ` and ${indexes.length - 10} more` : ''}`;
}

export function warning(code: WarningCode, message: string): ReviewWarning {
  return { code, message };
}
