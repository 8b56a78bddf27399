import { z } from 'zod';
import { NetworkNameSchema } from '../common/network';
import { ReviewWarningSchema } from './warnings';

/** Integer satoshis. */
const Sats = z.number().int().nonnegative();

export { type ReviewWarning, ReviewWarningSchema } from './warnings';

export const ReviewInputSchema = z.object({
  txid: z.string().regex(/^[0-9a-f]{64}$/),
  vout: z.number().int().nonnegative(),
  /** null when the PSBT gives no amount for this input. */
  amount: Sats.nullable(),
  /** The input's script re-derives from the registered wallet and our key is one of its keys. */
  ours: z.boolean(),
  /** The amount comes from a full previous transaction whose txid matches the outpoint. */
  amountProven: z.boolean(),
});

export const OutputKindSchema = z.enum(['change', 'external', 'allowed', 'transfer']);
export type OutputKind = z.infer<typeof OutputKindSchema>;

export const ReviewOutputSchema = z.object({
  /** null for scripts with no address form (e.g. OP_RETURN). */
  address: z.string().nullable(),
  amount: Sats,
  kind: OutputKindSchema,
  /** For a transfer: the registered wallet paid, and its owner class (null when unassigned). */
  wallet: z.string().optional(),
  owner: z.enum(['customer', 'company']).nullable().optional(),
});

/** What a PSBT is when it is not a payment (DESIGN §10); absent for a payment. */
export const ReviewPurposeSchema = z.discriminatedUnion('kind', [
  /** BIP-127: proves `total` satoshis in `coins` coins; can never be confirmed. */
  z.object({
    kind: z.literal('proof-of-reserves'),
    message: z.string(),
    total: Sats,
    coins: z.number().int().positive(),
  }),
  /** BIP-322: signs `message` for `address`; its hash is what the signature commits to. */
  z.object({
    kind: z.literal('message'),
    message: z.string().nullable(),
    messageHash: z.string().regex(/^[0-9a-f]{64}$/),
    address: z.string(),
  }),
]);
export type ReviewPurpose = z.infer<typeof ReviewPurposeSchema>;

/** What the screen and `inspect --json` show; DESIGN §4 and §10. */
export const ReviewModelSchema = z.object({
  network: NetworkNameSchema,
  inputs: z.array(ReviewInputSchema),
  outputs: z.array(ReviewOutputSchema),
  /** null when some input amount is unknown. */
  fee: Sats.nullable(),
  /** sat/vB over the estimated fully signed vsize; null when the fee is unknown. */
  feeRate: z.number().nonnegative().nullable(),
  vsize: z.number().int().positive(),
  signatures: z.object({ present: z.number().int().nonnegative(), required: z.number().int().nonnegative() }),
  warnings: z.array(ReviewWarningSchema),
  purpose: ReviewPurposeSchema.optional(),
});
export type ReviewModel = z.infer<typeof ReviewModelSchema>;
export type ReviewInput = z.infer<typeof ReviewInputSchema>;
export type ReviewOutput = z.infer<typeof ReviewOutputSchema>;
