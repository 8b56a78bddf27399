import type { BIP32Interface } from 'bip32';
import { address as baddress, crypto as bcrypto } from 'bitcoinjs-lib';
import { bip32 } from '../common/ecc';
import { bitcoinNetwork } from '../common/network';
import { childPublicKey } from '../keys/ckd';
import type { ChildKeyPool } from '../keys/ckd-pool';
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
}

/** Largest child index a wallet derives; BIP-32 non-hardened range. */
export const MAX_CHILD_INDEX = 0x7fffffff;

/** BIP-32's rare skip case (IL >= n): the bip32 package implements it. */
const skippedChild = (node: BIP32Interface, index: number) => Uint8Array.from(node.derive(index).publicKey);

const isChildIndex = (index: number) => Number.isInteger(index) && index >= 0 && index <= MAX_CHILD_INDEX;

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
    if (!isChildIndex(index)) throw new RangeError(`address index ${index} is outside the BIP-32 range`);
    const cached = this.scripts.get(`${chain}/${index}`);
    if (cached) return cached;
    // Raw CKDpub: the bip32 package's per-node validation would dominate reviews of many inputs.
    const cosignerKeys = this.nodesFor(chain).map(
      (node) => childPublicKey(node, index) ?? skippedChild(node, index),
    );
    return this.assemble(chain, index, cosignerKeys);
  }

  /**
   * Derives the scripts at many paths at once, sharing the key derivations with `pool`'s worker
   * threads; script() then finds them ready. Paths outside the BIP-32 range are left to script(),
   * which refuses them.
   */
  async prefetch(paths: Array<{ chain: Chain; index: number }>, pool: ChildKeyPool): Promise<void> {
    const missing = new Map<string, { chain: Chain; index: number }>();
    for (const { chain, index } of paths) {
      const key = `${chain}/${index}`;
      if (isChildIndex(index) && !this.scripts.has(key)) missing.set(key, { chain, index });
    }
    const wanted = [...missing.values()];
    const cosigners = this.wallet.cosigners.length;
    const keys = await pool.childPublicKeys(
      wanted.flatMap(({ chain, index }) => this.nodesFor(chain).map((parent) => ({ parent, index }))),
    );
    wanted.forEach(({ chain, index }, p) => {
      if (this.scripts.has(`${chain}/${index}`)) return;
      const cosignerKeys = this.nodesFor(chain).map(
        (node, c) => keys[p * cosigners + c] ?? skippedChild(node, index),
      );
      this.assemble(chain, index, cosignerKeys);
    });
  }

  /** The scripts for the cosigners' keys at (chain, index), cached. */
  private assemble(chain: Chain, index: number, cosignerKeys: Uint8Array[]): WalletScript {
    const pubkeys = [...cosignerKeys];
    if (this.wallet.sorted) pubkeys.sort(compareBytes);
    // Scripts are assembled directly: bitcoinjs-lib's payments re-validate every key and script they
    // are given, which a review of hundreds of inputs would pay for again and again.
    const multisigScript = multisigOutput(this.wallet.threshold, pubkeys);
    const { scriptType } = this.wallet;
    // P2WSH: the multisig is the witness script; P2SH-P2WSH nests that P2WSH in P2SH; P2SH wraps the multisig.
    const wshOutput = scriptType === 'p2sh' ? undefined : p2wshOutput(multisigScript);
    const redeemScript = scriptType === 'p2wsh' ? undefined : (wshOutput ?? multisigScript);
    const result: WalletScript = {
      chain,
      index,
      pubkeys,
      cosignerKeys,
      multisigScript,
      ...(wshOutput ? { witnessScript: multisigScript } : {}),
      ...(redeemScript ? { redeemScript } : {}),
      outputScript: redeemScript ? p2shOutput(redeemScript) : (wshOutput as Uint8Array),
    };
    this.scripts.set(`${chain}/${index}`, result);
    return result;
  }

  /** The address of the wallet's script at (chain, index), as a coordinator shows it. */
  address(chain: Chain, index: number): string {
    return baddress.fromOutputScript(
      this.script(chain, index).outputScript,
      bitcoinNetwork(this.wallet.network),
    );
  }
}

const OP_1 = 0x51;
const OP_CHECKMULTISIG = 0xae;
const OP_HASH160 = 0xa9;
const OP_EQUAL = 0x87;

/** `OP_m <key>... OP_n OP_CHECKMULTISIG` for compressed keys (m and n are 1..16 for registered wallets). */
function multisigOutput(threshold: number, pubkeys: Uint8Array[]): Uint8Array {
  if (threshold < 1 || threshold > pubkeys.length || pubkeys.length > 16) {
    throw new RangeError(`a ${threshold}-of-${pubkeys.length} multisig cannot be scripted`);
  }
  const script = new Uint8Array(3 + 34 * pubkeys.length);
  script[0] = OP_1 - 1 + threshold;
  pubkeys.forEach((key, i) => {
    if (key.length !== 33) throw new RangeError('multisig keys must be compressed');
    script[1 + 34 * i] = 33;
    script.set(key, 2 + 34 * i);
  });
  script[script.length - 2] = OP_1 - 1 + pubkeys.length;
  script[script.length - 1] = OP_CHECKMULTISIG;
  return script;
}

/** `OP_0 <sha256(witnessScript)>` */
function p2wshOutput(witnessScript: Uint8Array): Uint8Array {
  const script = new Uint8Array(34);
  script[1] = 32;
  script.set(bcrypto.sha256(witnessScript), 2);
  return script;
}

/** `OP_HASH160 <hash160(redeemScript)> OP_EQUAL` */
function p2shOutput(redeemScript: Uint8Array): Uint8Array {
  const script = new Uint8Array(23);
  script[0] = OP_HASH160;
  script[1] = 20;
  script.set(bcrypto.hash160(redeemScript), 2);
  script[22] = OP_EQUAL;
  return script;
}

/** One-off derivation; prefer a shared WalletDeriver when deriving many indexes. */
export function deriveWalletScript(wallet: Wallet, chain: Chain, index: number): WalletScript {
  return new WalletDeriver(wallet).script(chain, index);
}
