import { toHex } from '../common/bytes';
import { WalletDeriver } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import { type Derivation, WalletMatcher } from './ownership';

/** How many addresses of each branch of another registered wallet an output is compared with. */
export const TRANSFER_SEARCH_RANGE = 1000;

/** Output scripts of a wallet's first addresses, kept per descriptor: the app reviews many PSBTs. */
const scriptIndexes = new Map<string, Set<string>>();

function scriptIndex(wallet: Wallet): Set<string> {
  let index = scriptIndexes.get(wallet.descriptor);
  if (!index) {
    const deriver = new WalletDeriver(wallet);
    index = new Set<string>();
    for (let i = 0; i < TRANSFER_SEARCH_RANGE; i++) {
      index.add(toHex(deriver.script(0, i).outputScript));
      index.add(toHex(deriver.script(1, i).outputScript));
    }
    scriptIndexes.set(wallet.descriptor, index);
  }
  return index;
}

/**
 * Which other registered wallet an output pays: one whose script its key origins re-derive to, or
 * one of whose first addresses it is. Other wallets of another network are never candidates.
 */
export function transferTarget({
  wallets,
  outputScript,
  derivations,
}: {
  /** The other registered wallets (not the one reviewed), on the reviewed wallet's network. */
  wallets: Wallet[];
  outputScript: Uint8Array;
  derivations: Derivation[] | undefined;
}): Wallet | null {
  for (const wallet of wallets) {
    if (new WalletMatcher(wallet).matchOutput(outputScript, derivations)) return wallet;
  }
  const hex = toHex(outputScript);
  return wallets.find((wallet) => scriptIndex(wallet).has(hex)) ?? null;
}
