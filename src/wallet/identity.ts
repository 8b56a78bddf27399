import { createHash } from 'node:crypto';
import type { Wallet } from './types';

/**
 * A wallet is what it spends: threshold, script type, network, whether keys are sorted, and its key
 * origins and xpubs (in order only for `multi`, where the order changes the script). The name is a
 * label. Two registrations with the same identity are the same wallet.
 */
/** The same order on every machine: localeCompare follows the process's locale, and an identity must not. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function walletIdentityFields(wallet: Wallet) {
  const keys = wallet.cosigners.map((c) => ({ fingerprint: c.fingerprint, path: c.path, xpub: c.xpub }));
  if (wallet.sorted)
    keys.sort((a, b) => byCodeUnits(a.xpub, b.xpub) || byCodeUnits(a.path ?? '', b.path ?? ''));
  return {
    network: wallet.network,
    scriptType: wallet.scriptType,
    threshold: wallet.threshold,
    sorted: wallet.sorted,
    keys,
  };
}

/** SHA-256 of the identity fields, in hex: the key under which policies, limits and the audit know a wallet. */
export function walletId(wallet: Wallet): string {
  return createHash('sha256')
    .update(`airlock/wallet-id/v1\n${JSON.stringify(walletIdentityFields(wallet))}`)
    .digest('hex');
}
