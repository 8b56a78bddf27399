import { z } from 'zod';

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

/** Inputs or outputs a warning concerns, as indexes from 0; every screen and sentence shows them from 1. */
const Indexes = z.array(z.number().int().nonnegative()).min(1);
const Sats = z.number().int().nonnegative();
const Rate = z.number().nonnegative();

const entry = <C extends WarningCode, P extends z.ZodRawShape>(code: C, params: P) =>
  z.object({ code: z.literal(code), message: z.string(), params: z.strictObject(params) });

/**
 * A review warning: its stable code, the English sentence the CLI prints, and the typed parameters
 * the app words it from in the officer's language (amounts, numbers, the wallet's name).
 */
export const ReviewWarningSchema = z.discriminatedUnion('code', [
  entry(WARNING.PROOF_OF_RESERVES, {}),
  entry(WARNING.UNKNOWN_INPUT, { inputs: Indexes, wallet: z.string() }),
  entry(WARNING.MISSING_AMOUNT, { inputs: Indexes }),
  entry(WARNING.WITNESS_UTXO_ONLY, { inputs: Indexes }),
  entry(WARNING.MISSING_PREVIOUS_TX, { inputs: Indexes }),
  entry(WARNING.NONSTANDARD_SIGHASH, { inputs: Indexes }),
  entry(WARNING.FOREIGN_CHANGE, { outputs: Indexes, wallet: z.string() }),
  /** `of`: the amount sent, or the amount spent when nothing leaves the wallet. */
  entry(WARNING.HIGH_FEE, { fee: Sats, feeRate: Rate, percent: Rate, of: z.enum(['sent', 'spent']) }),
  entry(WARNING.LOW_FEE_RATE, { feeRate: Rate, minimum: Rate }),
  /** Not before this block height, or this time (seconds since 1970, UTC). */
  entry(WARNING.LOCKTIME, { until: z.enum(['block', 'time']), value: z.number().int().nonnegative() }),
]);
export type ReviewWarning = z.infer<typeof ReviewWarningSchema>;
export type WarningParams<C extends WarningCode> = Extract<ReviewWarning, { code: C }>['params'];

/** Every code has a schema: a code added to WARNING without one fails the type check here. */
const everyCodeTyped: Exclude<WarningCode, ReviewWarning['code']> extends never ? true : never = true;
void everyCodeTyped;

const indexed = (p: { inputs: number[] }) => listIndexes('input', p.inputs);

/** The English sentence of each warning, for the CLI and `inspect --json`; the app words its own. */
const ENGLISH: { [C in WarningCode]: (params: WarningParams<C>) => string } = {
  PROOF_OF_RESERVES: () => 'a proof of reserves moves nothing; this transaction can never be confirmed',
  UNKNOWN_INPUT: (p) => `${indexed(p)}: not part of wallet ${p.wallet}; this signer will not sign it`,
  MISSING_AMOUNT: (p) => `${indexed(p)}: the PSBT gives no amount, so the fee is unknown`,
  WITNESS_UTXO_ONLY: (p) =>
    `${indexed(p)}: the amount comes only from a witness UTXO, without the previous transaction that proves it`,
  MISSING_PREVIOUS_TX: (p) =>
    `${indexed(p)}: a legacy P2SH input needs its previous transaction before it can be signed`,
  NONSTANDARD_SIGHASH: (p) => `${indexed(p)}: requests a sighash type other than SIGHASH_ALL`,
  FOREIGN_CHANGE: (p) =>
    `${listIndexes('output', p.outputs)}: claims a path under this wallet's keys but does not derive from wallet ${p.wallet}; treated as external`,
  HIGH_FEE: (p) =>
    `the fee of ${p.fee} sat (${p.feeRate} sat/vB) is ${p.percent}% of the amount ${p.of}, unusually high`,
  LOW_FEE_RATE: (p) =>
    `the fee rate of ${p.feeRate} sat/vB is below ${p.minimum} sat/vB, which nodes do not relay; the transaction may never confirm`,
  LOCKTIME: (p) =>
    `the transaction cannot be confirmed before ${
      p.until === 'block' ? `block ${p.value}` : new Date(p.value * 1000).toISOString().replace('.000Z', 'Z')
    }`,
};

/** A warning with its parameters and its English sentence, made from the same values. */
export function warning<C extends WarningCode>(code: C, params: WarningParams<C>): ReviewWarning {
  const sentence = ENGLISH[code] as (params: WarningParams<C>) => string;
  return { code, message: sentence(params), params } as ReviewWarning;
}
