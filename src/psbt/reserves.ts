import { sha256 } from '@noble/hashes/sha2.js';
import type { Psbt } from 'bitcoinjs-lib';
import { bytesEqual, toHex } from '../common/bytes';
import { refused } from '../common/errors';
import type { SpentOutput } from './inputs';
import type { ReviewPurpose } from './review-model';

/**
 * BIP-127 simple proof of reserves: a transaction whose first input spends a coin that cannot exist
 * (its txid is a hash of the message), so it can never be confirmed, while every other input is signed
 * with SIGHASH_ALL and so commits to the message. Its single output is the sum of the coins, no fee.
 */

const PREFIX = 'Proof-of-Reserves: ';

/** The input index BIP-127 reserves for the commitment. */
export const COMMITMENT_INPUT = 0;

/**
 * The outpoint hash of the commitment input, as serialized in the transaction: SHA-256 of the prefixed
 * UTF-8 message, in its natural byte order (as rust-bitcoin's reference implementation writes it), so
 * the txid shown in the usual reversed form is the digest reversed.
 */
export function commitmentHash(message: string): Uint8Array {
  return sha256(new TextEncoder().encode(PREFIX + message));
}

/** The commitment input spends nothing: BIP-127 says to take its value as 0 without any UTXO. */
export const COMMITMENT_SPENT: SpentOutput = { script: null, amount: 0n, proven: true, hasPreviousTx: false };

export interface ProofOfReservesCommitment {
  message: string;
}

const notAProof = (why: string) =>
  refused(
    'NOT_A_PROOF_OF_RESERVES',
    `the PSBT carries a proof-of-reserves message but is not a proof: ${why}`,
  );

/**
 * The commitment of a PSBT that carries PSBT_IN_POR_COMMITMENT (0x09); null when none of its inputs
 * does. Refused when the field is on another input than the first, or when the first input is not the
 * exact commitment of its message: such a PSBT is never reviewed as a proof, nor as a payment.
 */
export function proofCommitment(psbt: Psbt): ProofOfReservesCommitment | null {
  const carriers = psbt.data.inputs.flatMap((input, i) => (input.porCommitment !== undefined ? [i] : []));
  if (carriers.length === 0) return null;
  if (carriers.some((i) => i !== COMMITMENT_INPUT))
    throw notAProof(`input ${carriers.find((i) => i !== COMMITMENT_INPUT)} carries the message, not input 0`);
  const input = psbt.data.inputs[COMMITMENT_INPUT]!;
  const message = input.porCommitment as string;
  const outpoint = psbt.txInputs[COMMITMENT_INPUT]!;
  if (!bytesEqual(outpoint.hash, commitmentHash(message)))
    throw notAProof(`input 0 does not spend the commitment of its message "${message}"`);
  if (outpoint.index !== 0)
    throw notAProof(`input 0 spends output ${outpoint.index} of the commitment, not 0`);
  if (psbt.inputCount < 2) throw notAProof('it proves no coin');
  // BIP-127 fixes the value at 0; a UTXO given for it that says otherwise is a lie about the sum.
  if (input.witnessUtxo && input.witnessUtxo.value !== 0n) throw notAProof('input 0 claims an amount');
  if (input.nonWitnessUtxo) throw notAProof('input 0 claims a previous transaction');
  return { message };
}

/** What a proof of reserves proves: the coins (inputs 1…) and their total. */
export interface ProofOfReserves extends ProofOfReservesCommitment {
  total: bigint;
  coins: number;
}

/**
 * Checks BIP-127's sum: a single output that is exactly the sum of the coins (no fee). Every coin's
 * amount must be known, or the sum proves nothing. `spent[i]` is input i's coin (spentOutput).
 */
export function checkProofSum(
  psbt: Psbt,
  commitment: ProofOfReservesCommitment,
  spent: SpentOutput[],
): ProofOfReserves {
  let total = 0n;
  for (const [i, coin] of spent.entries()) {
    if (i === COMMITMENT_INPUT) continue;
    if (coin.amount === null) throw notAProof(`input ${i} gives no amount, so the sum cannot be checked`);
    total += coin.amount;
  }
  const outputs = psbt.txOutputs;
  if (outputs.length !== 1) throw notAProof(`it has ${outputs.length} outputs instead of one`);
  if (outputs[0]!.value !== total)
    throw notAProof(`its output of ${outputs[0]!.value} sat is not the ${total} sat its coins hold`);
  return { ...commitment, total, coins: spent.length - 1 };
}

/** The commitment txid as block explorers and `inspect` show txids (reversed hex). */
export function commitmentTxid(message: string): string {
  return toHex(commitmentHash(message).reverse());
}

/** The review's account of a proof. */
export function proofPurpose(proof: ProofOfReserves): ReviewPurpose {
  return {
    kind: 'proof-of-reserves',
    message: proof.message,
    total: Number(proof.total),
    coins: proof.coins,
  };
}
