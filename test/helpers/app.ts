import type { NetworkName } from '../../src/common/network';
import { accountXpub } from '../../src/keys/hd';
import { splitMasterSecret } from '../../src/keys/slip39';
import { formatDescriptor } from '../../src/wallet/descriptor';
import type { Wallet } from '../../src/wallet/types';
import { seedOf, TEST_MNEMONICS } from './multisig-psbt';

/** Cosigner A's SLIP-39 master secret (public test value): the partitioned key of the app tests. */
export const PARTITIONED_SECRET = Uint8Array.from(Buffer.from('bb54aac4b89dc868ba37d9cc21b2cece', 'hex'));

/**
 * A 2-of-3 P2WSH wallet whose first cosigner is the partitioned key (SLIP-39 2-of-3 shares) and
 * whose other two are the public BIP-39 test mnemonics B and C, as Electrum can hold them.
 */
export function partitionedWallet(network: NetworkName = 'testnet'): { wallet: Wallet; shares: string[] } {
  const cosigners = [
    accountXpub({ seed: PARTITIONED_SECRET, scriptType: 'p2wsh', network }),
    ...TEST_MNEMONICS.slice(1).map((m) => accountXpub({ seed: seedOf(m), scriptType: 'p2wsh', network })),
  ];
  const descriptor = formatDescriptor({ scriptType: 'p2wsh', sorted: true, threshold: 2, cosigners });
  const [shares] = splitMasterSecret({
    masterSecret: PARTITIONED_SECRET,
    groups: [{ threshold: 2, count: 3 }],
  });
  return {
    wallet: {
      name: 'treasury',
      network,
      scriptType: 'p2wsh',
      threshold: 2,
      sorted: true,
      cosigners,
      descriptor,
    },
    shares: shares ?? [],
  };
}
