import { z } from 'zod';
import { NetworkNameSchema } from '../common/network';

export const SCRIPT_TYPES = ['p2wsh', 'p2sh-p2wsh', 'p2sh'] as const;
export const ScriptTypeSchema = z.enum(SCRIPT_TYPES);
export type ScriptType = z.infer<typeof ScriptTypeSchema>;

/** BIP-32 path of a key origin, written `m/48'/1'/0'/2'` (hardened with '). */
export const DerivationPathSchema = z
  .string()
  .regex(/^m(\/\d+'?)*$/, "a derivation path such as m/48'/0'/0'/2'");

export const CosignerSchema = z.object({
  /**
   * Master key fingerprint, 8 lowercase hex digits; null with path when the key's origin is unknown
   * (Unchained's platform key): its scripts still derive from the xpub at /chain/index.
   */
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{8}$/)
    .nullable(),
  /** Path from the master key to the account key; null when the origin is unknown. */
  path: DerivationPathSchema.nullable(),
  /** Account extended public key, normalised to `xpub` (mainnet) or `tpub` (test networks). */
  xpub: z.string().regex(/^[xt]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/),
});
export type Cosigner = z.infer<typeof CosignerSchema>;

/** Whose funds a wallet holds; customer and company funds are kept apart. */
export const OwnerClassSchema = z.enum(['customer', 'company']);
export type OwnerClass = z.infer<typeof OwnerClassSchema>;

/**
 * A registered multisig wallet: what Coldcard and Sparrow keep. Receive (`/0/i`) and change (`/1/i`)
 * addresses both belong to it whichever of `/0/*`, `/1/*` or `<0;1>/*` was imported.
 */
export const WalletSchema = z
  .object({
    name: z.string().min(1).max(64),
    network: NetworkNameSchema,
    scriptType: ScriptTypeSchema,
    threshold: z.number().int().min(1).max(15),
    /** true for sortedmulti (BIP-67 key order), false for multi (key order as listed). */
    sorted: z.boolean(),
    cosigners: z.array(CosignerSchema).min(1).max(15),
    /** Canonical descriptor with `<0;1>/*` and its BIP-380 checksum. */
    descriptor: z.string(),
    /**
     * Absent for wallets registered before owner classes existed: read as unassigned, which no rule
     * treats as either class (a transfer to or from it needs the policy's explicit permission).
     */
    owner: OwnerClassSchema.optional(),
  })
  .refine((w) => w.threshold <= w.cosigners.length, {
    message: 'threshold is larger than the number of keys',
  });
export type Wallet = z.infer<typeof WalletSchema>;

/** 0 = receive, 1 = change. */
export type Chain = 0 | 1;
