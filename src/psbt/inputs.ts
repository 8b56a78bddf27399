import { crypto as bcrypto, type Psbt, Transaction } from 'bitcoinjs-lib';
import { bytesEqual, toHex } from '../common/bytes';
import { badInput } from '../common/errors';

export type PsbtInputData = Psbt['data']['inputs'][number];

/** Bitcoin's 21 million coins in satoshis; any larger amount is a lie or corruption. */
export const MAX_MONEY = 2_100_000_000_000_000n;

/** The coin an input spends, as far as the PSBT proves it. */
export interface SpentOutput {
  /** null when the PSBT carries neither UTXO field. */
  script: Uint8Array | null;
  amount: bigint | null;
  /** From a full previous transaction whose txid is the one spent. */
  proven: boolean;
  /** The PSBT has the full previous transaction. */
  hasPreviousTx: boolean;
}

export type TxInput = Psbt['txInputs'][number];

/** Outpoint txid in the usual (reversed, hex) display order. */
export function inputTxid(txInput: TxInput): string {
  return toHex(Uint8Array.from(txInput.hash).reverse());
}

function checkAmount(value: bigint, where: string): bigint {
  if (value < 0n || value > MAX_MONEY) throw badInput('AMOUNT_INVALID', `${where} has an impossible amount`);
  return value;
}

/**
 * Whether `previous` (read from `bytes`) is the transaction the input spends: its txid is the outpoint's.
 * Without witnesses the bytes as received are the serialisation the txid hashes, so they are hashed
 * as they are (re-serialising hundreds of previous transactions was most of a large review's hashing);
 * otherwise, or should they differ from bitcoinjs-lib's serialisation, the txid is computed by it.
 */
function spendsThisTransaction(bytes: Uint8Array, previous: Transaction, txInput: TxInput): boolean {
  if (!previous.hasWitnesses() && bytesEqual(bcrypto.hash256(bytes), txInput.hash)) return true;
  return previous.getId() === inputTxid(txInput);
}

/**
 * The output an input spends, with DESIGN §5's bad-input checks: a previous transaction that is not
 * the one spent, an output index past its end, and a witness UTXO that contradicts it are all lies.
 */
export function spentOutput({
  psbt,
  index,
  txInput,
}: {
  psbt: Psbt;
  index: number;
  /** psbt.txInputs[index], passed in because that getter copies every input on each call. */
  txInput: TxInput;
}): SpentOutput {
  const input = psbt.data.inputs[index]!;
  let fromPreviousTx: { script: Uint8Array; value: bigint } | undefined;
  if (input.nonWitnessUtxo) {
    let previous: Transaction;
    try {
      previous = Transaction.fromBuffer(input.nonWitnessUtxo);
    } catch {
      throw badInput('PSBT_INVALID', `input ${index + 1}'s previous transaction is unreadable`);
    }
    if (!spendsThisTransaction(input.nonWitnessUtxo, previous, txInput)) {
      throw badInput(
        'UTXO_TXID_MISMATCH',
        `input ${index + 1}'s previous transaction is not the one it spends (its txid differs)`,
      );
    }
    const output = previous.outs[txInput.index];
    if (!output) {
      throw badInput(
        'UTXO_VOUT_MISSING',
        `input ${index + 1} spends output ${txInput.index} of a transaction with ${previous.outs.length} outputs`,
      );
    }
    fromPreviousTx = { script: output.script, value: checkAmount(output.value, `input ${index + 1}`) };
  }
  if (input.witnessUtxo) {
    const value = checkAmount(input.witnessUtxo.value, `input ${index + 1}`);
    if (
      fromPreviousTx &&
      (fromPreviousTx.value !== value || !bytesEqual(fromPreviousTx.script, input.witnessUtxo.script))
    ) {
      throw badInput(
        'WITNESS_UTXO_MISMATCH',
        `input ${index + 1}'s witness UTXO disagrees with its previous transaction`,
      );
    }
    if (!fromPreviousTx)
      return { script: input.witnessUtxo.script, amount: value, proven: false, hasPreviousTx: false };
  }
  if (fromPreviousTx)
    return { script: fromPreviousTx.script, amount: fromPreviousTx.value, proven: true, hasPreviousTx: true };
  return { script: null, amount: null, proven: false, hasPreviousTx: false };
}
