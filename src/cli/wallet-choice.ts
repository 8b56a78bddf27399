import { badInput } from '../common/errors';
import { listWallets, loadWallet } from '../wallet/registry';
import type { Wallet } from '../wallet/types';

/** The wallet named by --wallet, or the only registered one when none is named. */
export function chooseWallet(dataDir: string, name: string | undefined): Wallet {
  if (name) return loadWallet(dataDir, name);
  const wallets = listWallets(dataDir);
  if (wallets.length === 1) return wallets[0]!;
  throw badInput(
    'WALLET_REQUIRED',
    wallets.length === 0
      ? 'no wallet is registered; register one with airlock wallet import'
      : `${wallets.length} wallets are registered; name one with --wallet`,
  );
}
