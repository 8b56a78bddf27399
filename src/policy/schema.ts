import { z } from 'zod';

const Sats = z.number().int().nonnegative();

export const AllowedDestinationSchema = z.union([
  z.strictObject({ address: z.string().min(14).max(100), label: z.string().optional() }),
  z.strictObject({
    /** A wallet descriptor such as the hot wallet's `wpkh([fp/84h/0h/0h]xpub…/0/*)`; matched over a bounded range. */
    descriptor: z.string().min(10).max(4000),
    range: z.number().int().min(1).max(100_000).default(1000),
    label: z.string().optional(),
  }),
]);
export type AllowedDestination = z.infer<typeof AllowedDestinationSchema>;

/** The treasury's rules for one wallet (DESIGN §6). Every limit is optional; what is given is enforced. */
export const PolicySchema = z.strictObject({
  wallet: z.string().min(1),
  /** When present, every output that is not change must go to one of these. */
  allowedDestinations: z.array(AllowedDestinationSchema).optional(),
  maxPerTransaction: Sats.optional(),
  maxPer24h: Sats.optional(),
  fees: z.strictObject({ maxFee: Sats.optional(), maxFeeRate: z.number().positive().optional() }).optional(),
  /**
   * Registered wallets of another owner class (or of none) this wallet may pay. Without it, such a
   * transfer is refused: customer and company funds are kept apart. `approvals` names who must approve.
   */
  crossOwnerTransfers: z
    .strictObject({
      to: z.array(z.string().min(1)).min(1),
      approvals: z
        .strictObject({
          required: z.number().int().min(1).max(16),
          approvers: z.array(z.string().min(1)).min(1),
        })
        .refine((a) => a.required <= a.approvers.length, {
          message: 'more approvals are required than approvers are named',
        })
        .optional(),
    })
    .optional(),
  /**
   * Sign inputs whose amount comes only from a witness UTXO. Refused by default: without the previous
   * transaction a coordinator can lie about amounts across two signatures (the segwit fee attack).
   */
  allowUnprovenAmounts: z.boolean().optional(),
  approvals: z
    .strictObject({ required: z.number().int().min(1).max(16), approvers: z.array(z.string().min(1)).min(1) })
    .refine((a) => a.required <= a.approvers.length, {
      message: 'more approvals are required than approvers are named',
    })
    .refine((a) => new Set(a.approvers).size === a.approvers.length, {
      message: 'an approver is named twice',
    })
    .optional(),
});
export type Policy = z.infer<typeof PolicySchema>;
