import { WalletDeriver } from '../wallet/derive';
import type { Chain, Wallet } from '../wallet/types';

/**
 * A PSBT output or input paying the wallet's script at (chain, index), with every cosigner's key
 * origin (those that are known) and the scripts, as a coordinator writes them, so any cosigner can recognise it.
 */
export function walletOutput(
  wallet: Wallet,
  { chain, index }: { chain: Chain; index: number },
  deriver: WalletDeriver = new WalletDeriver(wallet),
) {
  const script = deriver.script(chain, index);
  return {
    script: script.outputScript,
    // A key of unknown origin has no derivation to write; the others place the script.
    bip32Derivation: wallet.cosigners.flatMap((c, i) =>
      c.fingerprint === null || c.path === null
        ? []
        : [
            {
              masterFingerprint: Uint8Array.from(Buffer.from(c.fingerprint, 'hex')),
              path: `${c.path}/${chain}/${index}`,
              pubkey: script.cosignerKeys[i] as Uint8Array,
            },
          ],
    ),
    ...(script.witnessScript ? { witnessScript: script.witnessScript } : {}),
    ...(script.redeemScript ? { redeemScript: script.redeemScript } : {}),
  };
}
