import { script as bscript, type Psbt, payments } from 'bitcoinjs-lib';
import { bytesEqual, toHex } from '../common/bytes';
import { ecc } from '../common/ecc';
import { badInput } from '../common/errors';
import { compactSize } from './raw-map';
import { COMMITMENT_INPUT, proofCommitment } from './reserves';
import { proofTransaction } from './reserves-proof';

function witnessBytes(stack: Uint8Array[]): Uint8Array {
  return new Uint8Array(
    Buffer.concat([compactSize(stack.length), ...stack.flatMap((item) => [compactSize(item.length), item])]),
  );
}

/** The threshold's worth of signatures, in the order of the script's keys (CHECKMULTISIG requires it). */
function orderedSignatures(psbt: Psbt, index: number, multisig: Uint8Array): Uint8Array[] {
  let m: number;
  let pubkeys: Uint8Array[];
  try {
    const decoded = payments.p2ms({ output: multisig });
    m = decoded.m as number;
    pubkeys = decoded.pubkeys as Uint8Array[];
  } catch {
    throw badInput('NOT_MULTISIG', `input ${index + 1} is not a multisig input this tool can finalize`);
  }
  const partial = psbt.data.inputs[index]!.partialSig ?? [];
  const signatures = pubkeys
    .map((key) => partial.find((sig) => bytesEqual(sig.pubkey, key))?.signature)
    .filter((sig): sig is Uint8Array => sig !== undefined)
    .slice(0, m);
  if (signatures.length < m) {
    throw badInput(
      'NOT_ENOUGH_SIGNATURES',
      `input ${index + 1} has ${signatures.length} of the ${m} signatures it needs`,
    );
  }
  return signatures;
}

function finalizeMultisigInput(psbt: Psbt, index: number): void {
  const input = psbt.data.inputs[index]!;
  if (input.finalScriptSig || input.finalScriptWitness) return;
  const multisig = input.witnessScript ?? input.redeemScript;
  if (!multisig) throw badInput('NOT_MULTISIG', `input ${index + 1} has no witness or redeem script`);
  const validator = (pubkey: Uint8Array, hash: Uint8Array, signature: Uint8Array) =>
    ecc.verify(hash, pubkey, signature);
  const signatures = orderedSignatures(psbt, index, multisig);
  let valid: boolean;
  try {
    valid = psbt.validateSignaturesOfInput(index, validator);
  } catch {
    valid = false;
  }
  if (!valid)
    throw badInput('SIGNATURE_INVALID', `input ${index + 1} carries a signature that does not verify`);
  psbt.finalizeInput(index, () => {
    const scriptSigItems = [Uint8Array.of(), ...signatures];
    if (input.witnessScript) {
      const witness = witnessBytes([...scriptSigItems, input.witnessScript]);
      const finalScriptSig = input.redeemScript ? bscript.compile([input.redeemScript]) : undefined;
      return { finalScriptSig, finalScriptWitness: witness };
    }
    const redeem = payments.p2ms({ output: multisig, signatures });
    return {
      finalScriptSig: payments.p2sh({ redeem: { output: multisig, input: redeem.input } })
        .input as Uint8Array,
      finalScriptWitness: undefined,
    };
  });
}

/** BIP-174 Input Finalizer for P2WSH, P2SH-P2WSH and P2SH multisig inputs; every signature is verified. */
export function finalizePsbt(psbt: Psbt): Psbt {
  const finalized = psbt.clone();
  // A proof of reserves' commitment input spends nothing and keeps its empty scriptSig (BIP-127).
  const skip = proofCommitment(finalized) ? COMMITMENT_INPUT : -1;
  for (let i = 0; i < finalized.inputCount; i++) if (i !== skip) finalizeMultisigInput(finalized, i);
  return finalized;
}

/** Transaction Extractor: the network transaction of a fully finalized PSBT, in hex. */
export function extractTransaction(psbt: Psbt): string {
  if (proofCommitment(psbt)) return toHex(proofTransaction(psbt).toBuffer());
  try {
    return toHex(psbt.extractTransaction(true).toBuffer());
  } catch {
    throw badInput('NOT_FINALIZED', 'the PSBT is not fully finalized, so no transaction can be extracted');
  }
}
