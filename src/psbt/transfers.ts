import { toHex } from '../common/bytes';
import type { ChildKeyPool } from '../keys/ckd-pool';
import { WalletDeriver } from '../wallet/derive';
import { walletId } from '../wallet/identity';
import type { Wallet } from '../wallet/types';
import { type Derivation, WalletMatcher } from './ownership';

/** How many addresses of each branch of another registered wallet an output is compared with. */
export const TRANSFER_SEARCH_RANGE = 1000;

/** Output scripts of a wallet's first addresses, kept per wallet identity: the app reviews many PSBTs. */
const scriptIndexes = new Map<string, Set<string>>();
/** Indexes being derived ahead, so two reviews never derive the same wallet twice at once. */
const preparing = new Map<string, Promise<void>>();

/** Addresses per slice derived ahead: the calling thread's share of a slice stays a few tens of ms. */
const AHEAD_SLICE = 128;

const branchPaths = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => [
    { chain: 0 as const, index: from + i },
    { chain: 1 as const, index: from + i },
  ]).flat();

function indexFrom(deriver: WalletDeriver): Set<string> {
  const index = new Set<string>();
  for (const { chain, index: i } of branchPaths(0, TRANSFER_SEARCH_RANGE))
    index.add(toHex(deriver.script(chain, i).outputScript));
  return index;
}

function scriptIndex(wallet: Wallet): Set<string> {
  const id = walletId(wallet);
  let index = scriptIndexes.get(id);
  if (!index) {
    index = indexFrom(new WalletDeriver(wallet));
    scriptIndexes.set(id, index);
  }
  return index;
}

/** The other registered wallets an output of `wallet`'s PSBT may pay: same network, another wallet. */
export function transferCandidates(registeredWallets: Wallet[], wallet: Wallet): Wallet[] {
  return registeredWallets.filter((w) => w.network === wallet.network && w.descriptor !== wallet.descriptor);
}

/**
 * Derives the first addresses of `wallets` ahead of a review, sharing the work with `pool`'s worker
 * threads in slices (the event loop keeps serving in between); transferTarget then finds them ready.
 */
export async function prepareTransferTargets(wallets: Wallet[], pool: ChildKeyPool): Promise<void> {
  await Promise.all(
    wallets.map((wallet) => {
      const id = walletId(wallet);
      if (scriptIndexes.has(id)) return undefined;
      let running = preparing.get(id);
      if (!running) {
        running = (async () => {
          const deriver = new WalletDeriver(wallet);
          for (let from = 0; from < TRANSFER_SEARCH_RANGE; from += AHEAD_SLICE) {
            await deriver.prefetch(
              branchPaths(from, Math.min(from + AHEAD_SLICE, TRANSFER_SEARCH_RANGE)),
              pool,
            );
            // Frames and calls waiting in main are served between slices, with or without workers.
            await new Promise((resolve) => setImmediate(resolve));
          }
          scriptIndexes.set(id, indexFrom(deriver));
        })().finally(() => preparing.delete(id));
        preparing.set(id, running);
      }
      return running;
    }),
  );
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
