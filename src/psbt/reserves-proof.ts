import { Psbt, type Transaction } from 'bitcoinjs-lib';
import { badInput, refused } from '../common/errors';
import { bitcoinNetwork } from '../common/network';
import type { WalletDeriver } from '../wallet/derive';
import type { Wallet } from '../wallet/types';
import { inputTxid, spentOutput } from './inputs';
import {
  COMMITMENT_INPUT,
  COMMITMENT_SPENT,
  checkProofSum,
  commitmentHash,
  type ProofOfReserves,
  proofCommitment,
} from './reserves';
import { analysePsbt, unsignedTransaction } from './review';
import { verifyInputScript, witnessStack } from './script-verify';
import { SighashCache } from './sighash';
import { walletOutput } from './wallet-output';

/**
 * Builds the unsigned BIP-127 proof of `message` over the coins a coordinator's PSBT spends (its
 * outputs are ignored): the commitment input first, then each coin with what proves it, and one output
 * of their sum back to the wallet's first receive address, so nothing would leave even if it could be
 * confirmed. Every coin must be the wallet's, its amount proven by its previous transaction.
 */
export function prepareProofOfReserves({
  coins,
  wallet,
  message,
  deriver,
}: {
  coins: Psbt;
  wallet: Wallet;
  message: string;
  deriver?: WalletDeriver;
}): Psbt {
  const { review } = analysePsbt({ psbt: coins, wallet, deriver });
  if (review.purpose)
    throw badInput('NOT_COINS', 'give a PSBT that spends the coins, not a proof or a message');
  for (const [i, input] of review.inputs.entries()) {
    if (!input.ours) throw refused('COIN_NOT_OURS', `input ${i} is not a coin of wallet ${wallet.name}`);
    if (!input.amountProven)
      throw refused(
        'AMOUNT_UNPROVEN',
        `input ${i} comes without the previous transaction that proves its amount`,
      );
  }
  const proof = new Psbt({ network: bitcoinNetwork(wallet.network) });
  proof.setVersion(2);
  proof.addInput({ hash: commitmentHash(message), index: 0, sequence: 0xffffffff, porCommitment: message });
  const txInputs = coins.txInputs;
  for (const [i, input] of coins.data.inputs.entries()) {
    const { hash, index, sequence } = txInputs[i]!;
    proof.addInput({
      hash,
      index,
      sequence,
      ...(input.nonWitnessUtxo ? { nonWitnessUtxo: input.nonWitnessUtxo } : {}),
      ...(input.witnessUtxo ? { witnessUtxo: input.witnessUtxo } : {}),
      ...(input.witnessScript ? { witnessScript: input.witnessScript } : {}),
      ...(input.redeemScript ? { redeemScript: input.redeemScript } : {}),
      ...(input.bip32Derivation ? { bip32Derivation: input.bip32Derivation } : {}),
    });
  }
  const total = review.inputs.reduce((sum, input) => sum + BigInt(input.amount as number), 0n);
  proof.addOutput({ ...walletOutput(wallet, { chain: 0, index: 0 }, deriver), value: total });
  return proof;
}

/**
 * The network form of a finished proof. bitcoinjs-lib's extractor needs a UTXO for every input, and the
 * commitment input has none by design; it keeps the empty scriptSig BIP-127 gives it.
 */
export function proofTransaction(psbt: Psbt): Transaction {
  const tx = unsignedTransaction(psbt);
  for (const [i, input] of psbt.data.inputs.entries()) {
    if (i === COMMITMENT_INPUT) continue;
    if (!input.finalScriptSig && !input.finalScriptWitness)
      throw badInput('NOT_FINALIZED', `input ${i} of the proof is not finalized`);
    tx.ins[i]!.script = input.finalScriptSig ?? new Uint8Array(0);
    tx.ins[i]!.witness = input.finalScriptWitness ? witnessStack(input.finalScriptWitness) : [];
  }
  return tx;
}

export interface VerifiedProof extends ProofOfReserves {
  coinList: Array<{ txid: string; vout: number; amount: number }>;
  transaction: Transaction;
}

/**
 * Checks a finished proof of reserves: the commitment of its message, every coin's script against the
 * output it spends (signatures SIGHASH_ALL, so they commit to the message), and the sum. Refused with
 * the reason when any fails. The coins' being unspent at some block is for the verifier's node to say.
 */
export function verifyProofOfReserves(psbt: Psbt): VerifiedProof {
  const commitment = proofCommitment(psbt);
  if (!commitment) throw refused('NOT_A_PROOF_OF_RESERVES', 'the PSBT carries no proof-of-reserves message');
  const txInputs = psbt.txInputs;
  const spent = psbt.data.inputs.map((_, index) =>
    index === COMMITMENT_INPUT ? COMMITMENT_SPENT : spentOutput({ psbt, index, txInput: txInputs[index]! }),
  );
  const proof = checkProofSum(psbt, commitment, spent);
  const transaction = proofTransaction(psbt);
  const sighashes = new SighashCache(transaction);
  for (const [index, coin] of spent.entries()) {
    if (index === COMMITMENT_INPUT) continue;
    // Only a segwit signature commits to the amount; a legacy one needs the previous transaction.
    if (!coin.proven && transaction.ins[index]!.witness.length === 0)
      throw refused('AMOUNT_UNPROVEN', `input ${index}'s amount is not proven by its previous transaction`);
    verifyInputScript({
      tx: transaction,
      index,
      coin: { script: coin.script as Uint8Array, value: coin.amount as bigint },
      sighashes,
    });
  }
  return {
    ...proof,
    transaction,
    coinList: spent.flatMap((coin, i) =>
      i === COMMITMENT_INPUT
        ? []
        : [{ txid: inputTxid(txInputs[i]!), vout: txInputs[i]!.index, amount: Number(coin.amount) }],
    ),
  };
}
