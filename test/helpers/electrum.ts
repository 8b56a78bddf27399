import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import type { Chain, Wallet } from '../../src/wallet/types';

const COSIGNER_SCRIPT = join(import.meta.dirname, '..', 'interop', 'electrum_cosigner.py');

const SignAnswerSchema = z.object({ complete: z.boolean(), psbt: z.string(), tx: z.string().nullable() });
export type ElectrumSignAnswer = z.infer<typeof SignAnswerSchema>;

/** Electrum's name for our script types. */
const XTYPE = { p2wsh: 'p2wsh', 'p2sh-p2wsh': 'p2wsh-p2sh', p2sh: 'standard' } as const;

/** Runs Debian's Electrum (python3-electrum via /usr/bin/python3) on one JSON request. */
function electrum<T>(request: Record<string, unknown>, schema: z.ZodType<T>): T {
  const result = spawnSync('/usr/bin/python3', [COSIGNER_SCRIPT], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: 120_000,
  });
  // No skip when Electrum is missing: the interop tests must fail, and say why.
  if (result.error) throw new Error(`cannot run /usr/bin/python3 for Electrum: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`Electrum failed (${result.status}): ${(result.stderr ?? '').slice(-2000)}`);
  return schema.parse(JSON.parse(result.stdout));
}

function walletRequest(wallet: Wallet) {
  if (!wallet.sorted) throw new Error('Electrum multisig wallets are always sortedmulti');
  return {
    network: wallet.network,
    xtype: XTYPE[wallet.scriptType],
    threshold: wallet.threshold,
    cosigners: wallet.cosigners,
  };
}

/** Addresses Electrum derives for this wallet at (chain, index). */
export function electrumAddresses(wallet: Wallet, indexes: Array<[Chain, number]>): string[] {
  return electrum(
    { ...walletRequest(wallet), op: 'addresses', indexes },
    z.object({ addresses: z.array(z.string()) }),
  ).addresses;
}

/** Electrum signs a PSBT (base64) as the cosigner whose BIP-39 mnemonic is given; finalizes when complete. */
export function electrumSign({
  wallet,
  psbt,
  mnemonic,
  indexes = [],
}: {
  wallet: Wallet;
  psbt: string;
  mnemonic: string;
  indexes?: Array<[Chain, number]>;
}): ElectrumSignAnswer {
  return electrum({ ...walletRequest(wallet), op: 'sign', psbt, mnemonic, indexes }, SignAnswerSchema);
}

/** Electrum finalizes a PSBT that already holds enough signatures. */
export function electrumFinalize({ wallet, psbt }: { wallet: Wallet; psbt: string }): ElectrumSignAnswer {
  return electrum({ ...walletRequest(wallet), op: 'finalize', psbt }, SignAnswerSchema);
}

/** Electrum's combiner merges PSBTs into the first; with the (watch-only) wallet it finalizes when complete. */
export function electrumCombine({
  wallet,
  psbts,
  indexes = [],
}: {
  wallet: Wallet;
  psbts: string[];
  indexes?: Array<[Chain, number]>;
}): ElectrumSignAnswer {
  return electrum({ ...walletRequest(wallet), op: 'combine', psbts, indexes }, SignAnswerSchema);
}

const MadeSchema = z.object({
  psbt: z.string(),
  fee: z.number().int().nonnegative(),
  outputs: z.array(z.object({ script: z.string(), amount: z.number().int(), change: z.boolean() })),
});
export type ElectrumMade = z.infer<typeof MadeSchema>;

/**
 * Electrum as the coordinator: it learns the funding transactions (which must pay the wallet at the
 * given indexes), chooses the coins and its own change address, and returns the unsigned PSBT.
 */
export function electrumMakePsbt({
  wallet,
  funding,
  outputs,
  fee,
  indexes,
}: {
  wallet: Wallet;
  funding: string[];
  outputs: Array<{ script: Uint8Array; amount: bigint }>;
  fee: number;
  indexes: Array<[Chain, number]>;
}): ElectrumMade {
  return electrum(
    {
      ...walletRequest(wallet),
      op: 'make',
      funding,
      outputs: outputs.map((o) => ({
        script: Buffer.from(o.script).toString('hex'),
        amount: Number(o.amount),
      })),
      fee,
      indexes,
    },
    MadeSchema,
  );
}
