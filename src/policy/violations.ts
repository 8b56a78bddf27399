import { z } from 'zod';
import { listIndexes } from '../psbt/warnings';
import { type OwnerClass, OwnerClassSchema } from '../wallet/types';

/** Inputs or outputs by index from 0; every sentence shows them from 1. */
const Indexes = z.array(z.number().int().nonnegative()).min(1);
const Index = z.number().int().nonnegative();
const Sats = z.number().int().nonnegative();
const Owner = OwnerClassSchema.nullable();

const entry = <C extends string, P extends z.ZodRawShape>(code: C, params: P) =>
  z.object({ code: z.literal(code), message: z.string(), params: z.strictObject(params) });

/** The rules of the policy and the refuse-by-default rules, each with the parameters its words need. */
export const TypedViolationSchema = z.discriminatedUnion('code', [
  entry('DESTINATION_NOT_ALLOWED', { output: Index, address: z.string().nullable() }),
  entry('OVER_TX_LIMIT', { sent: Sats, limit: Sats }),
  entry('OVER_DAILY_LIMIT', { signedBefore: Sats, sent: Sats, limit: Sats }),
  entry('FEE_UNKNOWN', {}),
  entry('FEE_TOO_HIGH', { fee: Sats, cap: Sats }),
  entry('FEE_RATE_TOO_HIGH', { feeRate: z.number().nonnegative(), cap: z.number().nonnegative() }),
  entry('UNKNOWN_APPROVER', { approver: z.string() }),
  entry('APPROVALS_MISSING', { required: z.number().int(), given: z.number().int() }),
  entry('CROSS_OWNER_TRANSFER', { output: Index, from: Owner, to: Owner, wallet: z.string() }),
  entry('CROSS_OWNER_APPROVALS_MISSING', {
    output: Index,
    from: Owner,
    to: Owner,
    wallet: z.string(),
    required: z.number().int(),
    approvers: z.array(z.string()),
    given: z.number().int(),
  }),
  entry('UNPROVEN_AMOUNT', { inputs: Indexes }),
  entry('FRAUDULENT_CHANGE', { outputs: Indexes, wallet: z.string() }),
]);
export type TypedViolation = z.infer<typeof TypedViolationSchema>;
export type ViolationCode = TypedViolation['code'];
export type ViolationParams<C extends ViolationCode> = Extract<TypedViolation, { code: C }>['params'];

/**
 * A reason the signature is refused, as the review shows it: typed with parameters, or (the seal's
 * refusals, which need none) a code and its sentence only.
 */
export const PolicyViolationSchema = z.union([
  TypedViolationSchema,
  z.object({ code: z.string(), message: z.string() }),
]);
export type PolicyViolation = TypedViolation | { code: string; message: string };

const btc = (sats: number) => `${(sats / 1e8).toFixed(8)} BTC`;
const funds = (owner: OwnerClass | null) =>
  owner ? `${owner} funds` : 'funds of a wallet with no owner class';
const aWallet = (owner: OwnerClass | null, name: string) =>
  owner ? `a ${owner} wallet (${name})` : `wallet ${name}, which has no owner class`;

/** The English sentence of each, for the CLI. */
const ENGLISH: { [C in ViolationCode]: (params: ViolationParams<C>) => string } = {
  DESTINATION_NOT_ALLOWED: (p) =>
    `output ${p.output + 1} pays ${p.address ?? 'a script with no address'}, which is not an allowed destination`,
  OVER_TX_LIMIT: (p) => `this transaction sends ${btc(p.sent)}; the limit per transaction is ${btc(p.limit)}`,
  OVER_DAILY_LIMIT: (p) =>
    `${btc(p.signedBefore)} was signed out in the last 24 hours; with this transaction's ${btc(p.sent)} it exceeds the limit of ${btc(p.limit)}`,
  FEE_UNKNOWN: () => 'the fee cannot be checked against the policy because an input amount is missing',
  FEE_TOO_HIGH: (p) => `the fee of ${btc(p.fee)} is above the cap of ${btc(p.cap)}`,
  FEE_RATE_TOO_HIGH: (p) =>
    `the fee rate of ${p.feeRate.toFixed(1)} sat/vB is above the cap of ${p.cap} sat/vB`,
  UNKNOWN_APPROVER: (p) => `${p.approver} is not an approver of this wallet`,
  APPROVALS_MISSING: (p) => `${p.required} approvals are required; ${p.given} given`,
  CROSS_OWNER_TRANSFER: (p) =>
    `output ${p.output + 1}: ${funds(p.from)} may not move to ${aWallet(p.to, p.wallet)} unless the policy allows it`,
  CROSS_OWNER_APPROVALS_MISSING: (p) =>
    `output ${p.output + 1} moves ${funds(p.from)} to ${aWallet(p.to, p.wallet)}: ${p.required} approvals of ${p.approvers.join(', ')} are required; ${p.given} given`,
  UNPROVEN_AMOUNT: (p) =>
    `${listIndexes('input', p.inputs)}: the amount is not proven by the previous transaction (witness UTXO only), so a coordinator could lie about it and turn coins into fee (the segwit fee attack); the wallet's sealed policy does not allow unproven amounts`,
  FRAUDULENT_CHANGE: (p) =>
    `${listIndexes('output', p.outputs)}: claims a path under this wallet's keys but does not derive from wallet ${p.wallet}: refused`,
};

/** A violation with its parameters and its English sentence, made from the same values. */
export function violation<C extends ViolationCode>(code: C, params: ViolationParams<C>): TypedViolation {
  const sentence = ENGLISH[code] as (params: ViolationParams<C>) => string;
  return { code, message: sentence(params), params } as TypedViolation;
}
