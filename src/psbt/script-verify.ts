import { crypto as bcrypto, script as bscript, opcodes, payments, type Transaction } from 'bitcoinjs-lib';
import { bytesEqual } from '../common/bytes';
import { ecc } from '../common/ecc';
import { badInput, refused } from '../common/errors';
import { SighashCache } from './sighash';

/**
 * Checks the signatures of a finished input against the coin it spends, for the scripts this signer
 * knows: M-of-N multisig (P2WSH, P2SH-P2WSH, P2SH) and single-key P2WPKH (bare or in P2SH). Each
 * signature must be SIGHASH_ALL, strict DER and low-S, and the multisig ones in key order, as
 * CHECKMULTISIG reads them. Another script is refused as one this verifier cannot judge.
 */

export interface SpentCoin {
  script: Uint8Array;
  value: bigint;
}

type Digest = (scriptCode: Uint8Array) => Uint8Array;

const invalid = (index: number, why: string) =>
  refused('SCRIPT_INVALID', `input ${index}'s signature does not prove the coin it spends: ${why}`);

function decodeSignature(index: number, encoded: Uint8Array): Uint8Array {
  let decoded: { signature: Uint8Array; hashType: number };
  try {
    decoded = bscript.signature.decode(encoded);
  } catch {
    throw invalid(index, 'a signature is not strict DER');
  }
  if (decoded.hashType !== 0x01) throw invalid(index, 'a signature is not SIGHASH_ALL');
  return decoded.signature;
}

/** CHECKMULTISIG: each signature matches a later key than the one before it; every signature is used. */
function checkMultisig(index: number, multisig: Uint8Array, signatures: Uint8Array[], digest: Digest): void {
  let decoded: payments.Payment;
  try {
    decoded = payments.p2ms({ output: multisig });
  } catch {
    throw refused('SCRIPT_UNSUPPORTED', `input ${index} spends a script that is not multisig`);
  }
  const pubkeys = decoded.pubkeys as Uint8Array[];
  if (signatures.length !== decoded.m)
    throw invalid(index, `${signatures.length} signatures for a ${decoded.m}-of-${pubkeys.length} script`);
  const hash = digest(multisig);
  let key = 0;
  for (const encoded of signatures) {
    const signature = decodeSignature(index, encoded);
    while (key < pubkeys.length && !ecc.verify(hash, pubkeys[key]!, signature, true)) key++;
    if (key === pubkeys.length) throw invalid(index, 'a signature matches none of the remaining keys');
    key++;
  }
}

function checkSingleKey(index: number, program: Uint8Array, witness: Uint8Array[], digest: Digest): void {
  if (witness.length !== 2) throw invalid(index, 'a P2WPKH witness has two items');
  const [encoded, pubkey] = witness as [Uint8Array, Uint8Array];
  if (!bytesEqual(bcrypto.hash160(pubkey), program)) throw invalid(index, 'the key is not the one paid');
  const scriptCode = payments.p2pkh({ hash: program }).output as Uint8Array;
  if (!ecc.verify(digest(scriptCode), pubkey, decodeSignature(index, encoded), true))
    throw invalid(index, 'the signature does not verify');
}

/** A witness program (v0) and its witness, as a P2WSH multisig or P2WPKH spend. */
function checkWitnessV0(index: number, program: Uint8Array, witness: Uint8Array[], digest: Digest): void {
  if (program.length === 20) {
    checkSingleKey(index, program, witness, digest);
    return;
  }
  if (program.length !== 32) throw invalid(index, 'the witness program has an unknown length');
  const witnessScript = witness[witness.length - 1];
  if (!witnessScript || !bytesEqual(bcrypto.sha256(witnessScript), program))
    throw invalid(index, 'the witness script is not the one paid');
  // CHECKMULTISIG's extra item must be empty (NULLDUMMY).
  if (witness.length < 2 || witness[0]!.length !== 0) throw invalid(index, 'the multisig dummy is not empty');
  checkMultisig(index, witnessScript, witness.slice(1, -1), digest);
}

function pushes(index: number, scriptSig: Uint8Array): Uint8Array[] {
  const chunks = bscript.decompile(scriptSig);
  if (!chunks) throw invalid(index, 'its scriptSig is unreadable');
  return chunks.map((chunk) => {
    if (chunk instanceof Uint8Array) return chunk;
    if (chunk === opcodes.OP_0) return new Uint8Array(0);
    throw invalid(index, 'its scriptSig holds more than data pushes');
  });
}

/** Throws refused SCRIPT_INVALID or SCRIPT_UNSUPPORTED unless input `index` of `tx` spends `coin`. */
export function verifyInputScript({
  tx,
  index,
  coin,
  sighashes = new SighashCache(tx),
}: {
  tx: Transaction;
  index: number;
  coin: SpentCoin;
  sighashes?: SighashCache;
}): void {
  const input = tx.ins[index];
  if (!input) throw badInput('BAD_ARGUMENTS', `the transaction has no input ${index}`);
  const witness = input.witness;
  const witnessDigest: Digest = (scriptCode) =>
    sighashes.witnessV0({ index, scriptCode, value: coin.value, hashType: 0x01 });
  const script = coin.script;
  const isP2sh = script.length === 23 && script[0] === 0xa9 && script[1] === 0x14 && script[22] === 0x87;
  if (script.length >= 22 && script[0] === 0x00 && script[1] === script.length - 2) {
    if (input.script.length !== 0) throw invalid(index, 'a native segwit spend has a scriptSig');
    checkWitnessV0(index, script.subarray(2), witness, witnessDigest);
    return;
  }
  if (!isP2sh)
    throw refused('SCRIPT_UNSUPPORTED', `input ${index} spends a script this verifier does not know`);
  const items = pushes(index, input.script);
  const redeem = items[items.length - 1];
  if (!redeem || !bytesEqual(bcrypto.hash160(redeem), script.subarray(2, 22)))
    throw invalid(index, 'the redeem script is not the one paid');
  if (redeem.length >= 22 && redeem[0] === 0x00 && redeem[1] === redeem.length - 2) {
    if (items.length !== 1) throw invalid(index, 'a nested segwit scriptSig holds only its redeem script');
    checkWitnessV0(index, redeem.subarray(2), witness, witnessDigest);
    return;
  }
  if (witness.length > 0) throw invalid(index, 'a legacy spend has a witness');
  if (items.length < 2 || items[0]!.length !== 0) throw invalid(index, 'the multisig dummy is not empty');
  checkMultisig(index, redeem, items.slice(1, -1), (scriptCode) =>
    sighashes.legacy({ index, scriptCode, hashType: 0x01 }),
  );
}

/** A consensus-encoded witness (count, then length-prefixed items), as in PSBTs and BIP-322, as a stack. */
export function witnessStack(bytes: Uint8Array): Uint8Array[] {
  let offset = 0;
  const compactSize = (): number => {
    const first = bytes[offset++];
    if (first === undefined) throw badInput('WITNESS_INVALID', 'a witness ends early');
    if (first < 0xfd) return first;
    const width = first === 0xfd ? 2 : 4;
    let value = 0;
    for (let i = 0; i < width; i++) value += (bytes[offset++] ?? 0) * 2 ** (8 * i);
    return value;
  };
  const stack = Array.from({ length: compactSize() }, () => {
    const length = compactSize();
    if (offset + length > bytes.length) throw badInput('WITNESS_INVALID', 'a witness ends early');
    offset += length;
    return bytes.slice(offset - length, offset);
  });
  if (offset !== bytes.length) throw badInput('WITNESS_INVALID', 'a witness has bytes after its items');
  return stack;
}
