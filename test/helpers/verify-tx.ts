import { createRequire } from 'node:module';
import { type Psbt, Transaction } from 'bitcoinjs-lib';

/**
 * Independent script verification with bitcore-lib's interpreter (a separate implementation from the
 * bitcoinjs-lib that builds our transactions), with the flags of DESIGN §9.
 */
interface BitcoreScript {
  toString(): string;
}
interface BitcoreInput {
  script: BitcoreScript;
  output?: unknown;
  getWitnesses?(): Buffer[];
  witnesses?: Buffer[];
}
interface BitcoreTransaction {
  inputs: BitcoreInput[];
}
interface BitcoreInterpreter {
  verify(
    scriptSig: BitcoreScript,
    scriptPubkey: BitcoreScript,
    tx: BitcoreTransaction,
    nin: number,
    flags: number,
    witness: Buffer[],
    satoshis: number,
  ): boolean;
  errstr: string;
}
interface Bitcore {
  Transaction: (new (
    hex: string,
  ) => BitcoreTransaction) & {
    Output: new (fields: { script: BitcoreScript; satoshis: number }) => unknown;
  };
  Script: {
    new (buffer: Buffer): BitcoreScript;
    Interpreter: { new (): BitcoreInterpreter } & Record<string, number>;
  };
}

const bitcore = createRequire(import.meta.url)('bitcore-lib') as Bitcore;
const Interpreter = bitcore.Script.Interpreter;

export const VERIFY_FLAGS =
  (Interpreter.SCRIPT_VERIFY_P2SH as number) |
  (Interpreter.SCRIPT_VERIFY_WITNESS as number) |
  (Interpreter.SCRIPT_VERIFY_STRICTENC as number) |
  (Interpreter.SCRIPT_VERIFY_NULLDUMMY as number) |
  (Interpreter.SCRIPT_VERIFY_DERSIG as number) |
  (Interpreter.SCRIPT_VERIFY_LOW_S as number);

export interface SpentCoin {
  script: Uint8Array;
  value: bigint;
}

/** Verifies every input of a signed transaction (hex) against the coins it spends; returns failures. */
export function verifyTransaction(
  txHex: string,
  spent: SpentCoin[],
): Array<{ input: number; error: string }> {
  const tx = new bitcore.Transaction(txHex);
  const failures: Array<{ input: number; error: string }> = [];
  tx.inputs.forEach((input, i) => {
    const coin = spent[i];
    if (!coin) {
      failures.push({ input: i, error: 'no spent coin given' });
      return;
    }
    // bitcore-lib takes a zero amount for "none given" and then reads the input's own output; give it
    // one, so zero-value coins (BIP-322's to_spend) are judged with their real amount.
    input.output = new bitcore.Transaction.Output({
      script: new bitcore.Script(Buffer.from(coin.script)),
      satoshis: Number(coin.value),
    });
    const interpreter = new Interpreter();
    const witness = input.getWitnesses?.() ?? input.witnesses ?? [];
    const ok = interpreter.verify(
      input.script,
      new bitcore.Script(Buffer.from(coin.script)),
      tx,
      i,
      VERIFY_FLAGS,
      witness,
      Number(coin.value),
    );
    if (!ok) failures.push({ input: i, error: interpreter.errstr || 'verification failed' });
  });
  return failures;
}

/** The coins a PSBT's inputs spend, from their witness UTXO or full previous transaction. */
export function spentCoinsOf(psbt: Psbt): SpentCoin[] {
  return psbt.data.inputs.map((input, i) => {
    if (input.witnessUtxo) return { script: input.witnessUtxo.script, value: input.witnessUtxo.value };
    if (!input.nonWitnessUtxo) throw new Error(`input ${i} has no UTXO`);
    const previous = Transaction.fromBuffer(input.nonWitnessUtxo);
    const output = previous.outs[psbt.txInputs[i]!.index]!;
    return { script: output.script, value: output.value };
  });
}
