import type { BIP32Interface } from 'bip32';
import { script as bscript, type Psbt, Transaction } from 'bitcoinjs-lib';
import { bytesEqual, wipe } from '../common/bytes';
import { bip32, ecc } from '../common/ecc';
import { badInput, nothingToSign, refused } from '../common/errors';
import { bitcoinNetwork } from '../common/network';
import { childPrivateKey } from '../keys/ckd';
import { derivePath, fingerprintHex, wipeNode } from '../keys/hd';
import type { WalletDeriver } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import {
  analysePsbt,
  type DestinationCheck,
  type InputFacts,
  type PsbtAnalysis,
  unsignedTransaction,
} from './review';
import type { ReviewModel } from './review-model';
import { SighashCache } from './sighash';

export interface SignResult {
  /** The same Psbt object, with our partial signatures added. */
  psbt: Psbt;
  /** Inputs that received a new signature from this key. */
  signedInputs: number[];
  /** The review the signature was made against. */
  review: ReviewModel;
}

interface PendingSignature {
  index: number;
  pubkey: Uint8Array;
  signature: Uint8Array;
}

/** BIP-32's rare skip case (IL >= n): the bip32 package implements it; keep a copy, wipe its node. */
function skippedIndexKey(chainNode: BIP32Interface, index: number): Uint8Array {
  const child = chainNode.derive(index);
  try {
    return Uint8Array.from(child.privateKey!);
  } finally {
    wipeNode(child);
  }
}

/** Our cosigner entries: account keys derived from the seed that equal a registered xpub. */
function ourAccounts(root: BIP32Interface, wallet: Wallet): Map<number, BIP32Interface> {
  const fingerprint = fingerprintHex(root);
  const network = bitcoinNetwork(wallet.network);
  const accounts = new Map<number, BIP32Interface>();
  for (const [i, cosigner] of wallet.cosigners.entries()) {
    if (cosigner.fingerprint !== fingerprint || cosigner.path === null) continue;
    const account = derivePath(root, cosigner.path);
    const registered = bip32.fromBase58(cosigner.xpub, network);
    if (
      bytesEqual(account.publicKey, registered.publicKey) &&
      bytesEqual(account.chainCode, registered.chainCode)
    ) {
      accounts.set(i, account);
    } else {
      wipeNode(account);
    }
  }
  return accounts;
}

function checkSignable(ours: InputFacts[], wallet: Wallet, allowedSighash: number[]): void {
  for (const f of ours) {
    // A legacy signature does not commit to the amount, so only the full previous transaction proves it.
    if (wallet.scriptType === 'p2sh' && !f.spent.hasPreviousTx) {
      throw badInput(
        'NON_WITNESS_UTXO_REQUIRED',
        `input ${f.index + 1} is a legacy P2SH input without its previous transaction`,
      );
    }
  }
  for (const f of ours) {
    const type = f.sighashType ?? Transaction.SIGHASH_ALL;
    if (!allowedSighash.includes(type)) {
      throw refused(
        'SIGHASH_REFUSED',
        `input ${f.index + 1} requests sighash type 0x${type.toString(16)}; only SIGHASH_ALL is signed`,
      );
    }
  }
}

/**
 * Co-signs a PSBT with the key of `seed` (a BIP-32 seed: from BIP-39, or a SLIP-39 master secret),
 * under DESIGN §5: network first, then bad input, sighash, key membership, and at least one input ours.
 * Signs only the wallet's inputs, SIGHASH_ALL, keeps other signatures, never touches outputs, never
 * finalizes. Nothing is added to the PSBT unless every signature was made.
 */
export function signPsbt({
  psbt,
  wallet,
  seed,
  allowedSighash = [Transaction.SIGHASH_ALL],
  isAllowedDestination,
  deriver,
  analysis,
}: {
  psbt: Psbt;
  wallet: Wallet;
  seed: Uint8Array;
  allowedSighash?: number[];
  isAllowedDestination?: DestinationCheck;
  /** prepareDeriver's result for this psbt and wallet (its scripts derived ahead). */
  deriver?: WalletDeriver;
  /** analysePsbt's result for this same psbt and wallet, when the caller has reviewed it already. */
  analysis?: PsbtAnalysis;
}): SignResult {
  const { review, inputs } = analysis ?? analysePsbt({ psbt, wallet, isAllowedDestination, deriver });
  const ours = inputs.filter((f) => f.ours);
  checkSignable(ours, wallet, allowedSighash);

  const root = bip32.fromSeed(seed, bitcoinNetwork(wallet.network));
  const accounts = ourAccounts(root, wallet);
  const chainNodes = new Map<string, BIP32Interface>();
  const pending: PendingSignature[] = [];
  try {
    if (accounts.size === 0) {
      throw refused('KEY_NOT_IN_WALLET', `this key is not one of the cosigners of wallet ${wallet.name}`);
    }
    if (ours.length === 0) {
      throw nothingToSign('NOTHING_TO_SIGN', `no input of this PSBT belongs to wallet ${wallet.name}`);
    }
    const sighashes = new SighashCache(unsignedTransaction(psbt));
    for (const f of ours) {
      const script = f.ours!;
      const input = psbt.data.inputs[f.index]!;
      // A finalized input is complete; its partial data is gone and a new signature would be lost.
      if (input.finalScriptSig || input.finalScriptWitness) continue;
      const existing = input.partialSig ?? [];
      // The review proved the script is the wallet's at (chain, index): sign with our key there, even
      // when the PSBT names only other cosigners' derivations.
      for (const [cosigner, account] of accounts) {
        // Our key at this index, as the review re-derived it from the registered xpub.
        const pubkey = script.cosignerKeys[cosigner]!;
        if (existing.some((s) => bytesEqual(s.pubkey, pubkey))) continue;
        if (pending.some((p) => p.index === f.index && bytesEqual(p.pubkey, pubkey))) continue;
        const chainKey = `${cosigner}/${script.chain}`;
        let chainNode = chainNodes.get(chainKey);
        if (!chainNode) {
          chainNode = account.derive(script.chain);
          chainNodes.set(chainKey, chainNode);
        }
        const privateKey =
          childPrivateKey(
            {
              publicKey: chainNode.publicKey,
              chainCode: chainNode.chainCode,
              privateKey: chainNode.privateKey!,
            },
            script.index,
          ) ?? skippedIndexKey(chainNode, script.index);
        try {
          const hashType = f.sighashType ?? Transaction.SIGHASH_ALL;
          const digest =
            wallet.scriptType === 'p2sh'
              ? sighashes.legacy({ index: f.index, scriptCode: script.multisigScript, hashType })
              : sighashes.witnessV0({
                  index: f.index,
                  scriptCode: script.multisigScript,
                  value: f.spent.amount as bigint,
                  hashType,
                });
          const signature = ecc.sign(digest, privateKey);
          pending.push({ index: f.index, pubkey, signature: bscript.signature.encode(signature, hashType) });
        } finally {
          wipe(privateKey);
        }
      }
    }
  } finally {
    wipeNode(...chainNodes.values(), ...accounts.values(), root);
  }

  for (const { index, pubkey, signature } of pending) {
    const input = psbt.data.inputs[index]!;
    const script = inputs[index]!.ours!;
    // bip174 directly: bitcoinjs-lib would re-run its taproot field checks for every input.
    psbt.data.updateInput(index, {
      partialSig: [{ pubkey, signature }],
      ...(script.witnessScript && !input.witnessScript ? { witnessScript: script.witnessScript } : {}),
      ...(script.redeemScript && !input.redeemScript ? { redeemScript: script.redeemScript } : {}),
    });
  }
  return { psbt, signedInputs: [...new Set(pending.map((p) => p.index))], review };
}
