import { WalletDeriver } from '../wallet/derive';
import type { Chain, Wallet } from '../wallet/types';

/**
 * A PSBT output or input paying the wallet's script at (chain, index), with every cosigner's key
 * origin and the scripts, as a coordinator writes them, so any cosigner can recognise it.
 */
export function walletOutput(
  wallet: Wallet,
  { chain, index }: { chain: Chain; index: number },
  deriver: WalletDeriver = new WalletDeriver(wallet),
) {
  const script = deriver.script(chain, index);
  return {
    script: script.outputScript,
    bip32Derivation: wallet.cosigners.map((c, i) => ({
      masterFingerprint: Uint8Array.from(Buffer.from(c.fingerprint, 'hex')),
      path: `${c.path}/${chain}/${index}`,
      pubkey: script.cosignerKeys[i] as Uint8Array,
    })),
    ...(script.witnessScript ? { witnessScript: script.witnessScript } : {}),
    ...(script.redeemScript ? { redeemScript: script.redeemScript } : {}),
  };
}
