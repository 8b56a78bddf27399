import { type Psbt, payments, type Transaction } from 'bitcoinjs-lib';
import type { ScriptType } from '../wallet/types';

/** A DER signature with its sighash byte is at most 73 bytes; estimating with the maximum never understates the size. */
export const MAX_SIGNATURE_BYTES = 73;
const COMPRESSED_PUBKEY_BYTES = 33;

export interface InputSize {
  scriptSig: number;
  /** Serialized witness (item count and items); 0 for a legacy input. */
  witness: number;
}

const varIntSize = (n: number) => (n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9);
const pushSize = (n: number) => (n < 0x4c ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 5) + n;

/** Size of a fully signed M-of-N multisig spend of the given script type. */
export function multisigInputSize({
  scriptType,
  threshold,
  multisigScriptLength,
}: {
  scriptType: ScriptType;
  threshold: number;
  multisigScriptLength: number;
}): InputSize {
  const signatures = threshold * (1 + MAX_SIGNATURE_BYTES);
  if (scriptType === 'p2sh')
    return { scriptSig: 1 + signatures + pushSize(multisigScriptLength), witness: 0 };
  // Witness: item count, the empty item CHECKMULTISIG's extra pop needs, M signatures, the witness script.
  const witness =
    varIntSize(threshold + 2) + 1 + signatures + varIntSize(multisigScriptLength) + multisigScriptLength;
  return { scriptSig: scriptType === 'p2sh-p2wsh' ? 1 + 34 : 0, witness };
}

/** What a finalized input weighs, or the estimate for common single-key scripts; null when unknown. */
export function knownInputSize(
  input: Psbt['data']['inputs'][number],
  prevoutScript: Uint8Array | null,
): InputSize | null {
  if (input.finalScriptSig || input.finalScriptWitness) {
    return { scriptSig: input.finalScriptSig?.length ?? 0, witness: input.finalScriptWitness?.length ?? 0 };
  }
  const script = input.witnessScript ?? input.redeemScript;
  if (script) {
    try {
      const ms = payments.p2ms({ output: script });
      const scriptType: ScriptType = input.witnessScript
        ? input.redeemScript
          ? 'p2sh-p2wsh'
          : 'p2wsh'
        : 'p2sh';
      return multisigInputSize({ scriptType, threshold: ms.m ?? 1, multisigScriptLength: script.length });
    } catch {
      // Not a multisig script; fall through to the prevout's type.
    }
  }
  if (!prevoutScript) return null;
  const signature = 1 + MAX_SIGNATURE_BYTES;
  const pubkey = 1 + COMPRESSED_PUBKEY_BYTES;
  if (prevoutScript.length === 22 && prevoutScript[0] === 0x00)
    return { scriptSig: 0, witness: 1 + signature + pubkey };
  if (prevoutScript.length === 25 && prevoutScript[0] === 0x76)
    return { scriptSig: signature + pubkey, witness: 0 };
  if (prevoutScript.length === 34 && prevoutScript[0] === 0x51) return { scriptSig: 0, witness: 1 + 1 + 65 };
  return null;
}

/** Virtual size (vbytes) of the transaction once every input carries the given scriptSig and witness. */
export function estimateVsize(tx: Transaction, inputs: InputSize[]): number {
  let base = 4 + 4 + varIntSize(tx.ins.length) + varIntSize(tx.outs.length);
  for (const size of inputs) base += 32 + 4 + 4 + varIntSize(size.scriptSig) + size.scriptSig;
  for (const output of tx.outs) base += 8 + varIntSize(output.script.length) + output.script.length;
  const hasWitness = inputs.some((size) => size.witness > 0);
  // Segwit marker and flag, and an empty witness (one 0x00 byte) for every legacy input.
  const witness = hasWitness ? 2 + inputs.reduce((sum, size) => sum + (size.witness || 1), 0) : 0;
  return Math.ceil((base * 4 + witness) / 4);
}
