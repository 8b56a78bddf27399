import type { BIP32Interface } from 'bip32';
import { payments } from 'bitcoinjs-lib';
import { bip32 } from '../common/ecc';
import { bitcoinNetwork } from '../common/network';
import { childPublicKey } from '../keys/ckd';
import type { Chain, Wallet } from './types';

export interface WalletScript {
  chain: Chain;
  index: number;
  /** Cosigners' public keys at this index, in the order the script uses them. */
  pubkeys: Uint8Array[];
  /** The same keys in the wallet's cosigner order (cosignerKeys[i] belongs to cosigners[i]). */
  cosignerKeys: Uint8Array[];
  /** The multisig script (witness script for segwit, redeem script for legacy P2SH). */
  multisigScript: Uint8Array;
  witnessScript?: Uint8Array;
  redeemScript?: Uint8Array;
  outputScript: Uint8Array;
  address: string;
}

/** Largest child index a wallet derives; BIP-32 non-hardened range. */
export const MAX_CHILD_INDEX = 0x7fffffff;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/**
 * Derives a wallet's scripts at (chain, index). Chain nodes are cached per wallet so reviewing
 * hundreds of inputs derives each account's chain key once.
 */
export class WalletDeriver {
  private readonly chainNodes = new Map<Chain, BIP32Interface[]>();
  private readonly scripts = new Map<string, WalletScript>();

  constructor(readonly wallet: Wallet) {}

  private nodesFor(chain: Chain): BIP32Interface[] {
    let nodes = this.chainNodes.get(chain);
    if (!nodes) {
      const network = bitcoinNetwork(this.wallet.network);
      nodes = this.wallet.cosigners.map((c) => bip32.fromBase58(c.xpub, network).derive(chain));
      this.chainNodes.set(chain, nodes);
    }
    return nodes;
  }

  script(chain: Chain, index: number): WalletScript {
    if (!Number.isInteger(index) || index < 0 || index > MAX_CHILD_INDEX) {
      throw new RangeError(`address index ${index} is outside the BIP-32 range`);
    }
    const key = `${chain}/${index}`;
    const cached = this.scripts.get(key);
    if (cached) return cached;
    const network = bitcoinNetwork(this.wallet.network);
    // Raw CKDpub: the bip32 package's per-node validation would dominate reviews of many inputs.
    const cosignerKeys = this.nodesFor(chain).map(
      (node) => childPublicKey(node, index) ?? Uint8Array.from(node.derive(index).publicKey),
    );
    const pubkeys = [...cosignerKeys];
    if (this.wallet.sorted) pubkeys.sort(compareBytes);
    // The keys come from valid xpubs, so bitcoinjs-lib's point checks are skipped (validate: false).
    const unchecked = { validate: false };
    const multisig = payments.p2ms({ m: this.wallet.threshold, pubkeys, network }, unchecked);
    const multisigScript = multisig.output as Uint8Array;
    const { scriptType } = this.wallet;
    // P2WSH: the multisig is the witness script; P2SH-P2WSH nests that P2WSH in P2SH; P2SH wraps the multisig.
    const wsh = scriptType === 'p2sh' ? undefined : payments.p2wsh({ redeem: multisig, network }, unchecked);
    const outer =
      scriptType === 'p2wsh' ? wsh! : payments.p2sh({ redeem: wsh ?? multisig, network }, unchecked);
    const redeemScript =
      scriptType === 'p2wsh' ? undefined : ((wsh?.output as Uint8Array | undefined) ?? multisigScript);
    const result: WalletScript = {
      chain,
      index,
      pubkeys,
      cosignerKeys,
      multisigScript,
      ...(wsh ? { witnessScript: multisigScript } : {}),
      ...(redeemScript ? { redeemScript } : {}),
      outputScript: outer.output as Uint8Array,
      address: outer.address as string,
    };
    this.scripts.set(key, result);
    return result;
  }
}

/** One-off derivation; prefer a shared WalletDeriver when deriving many indexes. */
export function deriveWalletScript(wallet: Wallet, chain: Chain, index: number): WalletScript {
  return new WalletDeriver(wallet).script(chain, index);
}
