import type { Psbt } from 'bitcoinjs-lib';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../test/helpers/multisig-psbt';

/** The 2-of-3 P2WSH wallet that the sign and ceremony benches review and sign for (cosigner 0 signs). */
export const benchWallet = testWallet({ scriptType: 'p2wsh', network: 'testnet' });

/**
 * An unsigned PSBT of `inputs` inputs of benchWallet with full previous transactions, paying an
 * external address with change back to the wallet: the shape a treasury's coordinator sends.
 */
export function benchPsbt(inputs: number): Psbt {
  return buildPsbt({
    wallet: benchWallet,
    inputs: Array.from({ length: inputs }, (_, i) => ({ index: i, amount: 100_000n + BigInt(i) })),
    outputs: [
      { script: EXTERNAL_SCRIPT, amount: 50_000n * BigInt(inputs) },
      { change: { index: 0 }, amount: 40_000n * BigInt(inputs) },
    ],
  });
}
