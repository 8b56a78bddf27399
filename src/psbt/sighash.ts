import { sha256 } from '@noble/hashes/sha2.js';
import { script as bscript, opcodes, Transaction } from 'bitcoinjs-lib';
import { compactSize } from './raw-map';

const ZERO32 = new Uint8Array(32);
const ANYONECANPAY = Transaction.SIGHASH_ANYONECANPAY;

const hash256 = (data: Uint8Array): Uint8Array => sha256(sha256(data));

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function u32le(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function u64le(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

function outputBytes(output: { script: Uint8Array; value: bigint }): Uint8Array {
  return concat([u64le(output.value), compactSize(output.script.length), output.script]);
}

/**
 * Signature hashes for every input of one transaction, computing the parts all inputs share once:
 * BIP-143's hashPrevouts, hashSequence and hashOutputs, and the legacy serialization's pieces.
 * bitcoinjs-lib recomputes them per input, which makes signing many inputs quadratic.
 */
export class SighashCache {
  private prevouts?: Uint8Array;
  private sequences?: Uint8Array;
  private outputs?: Uint8Array;
  private serializedOutputs?: Uint8Array;
  private serializedInputs?: Uint8Array[];

  constructor(private readonly tx: Transaction) {}

  private hashPrevouts(): Uint8Array {
    this.prevouts ??= hash256(concat(this.tx.ins.flatMap((input) => [input.hash, u32le(input.index)])));
    return this.prevouts;
  }

  private hashSequence(): Uint8Array {
    this.sequences ??= hash256(concat(this.tx.ins.map((input) => u32le(input.sequence))));
    return this.sequences;
  }

  private allOutputs(): Uint8Array {
    this.serializedOutputs ??= concat(this.tx.outs.map(outputBytes));
    return this.serializedOutputs;
  }

  private hashOutputs(): Uint8Array {
    this.outputs ??= hash256(this.allOutputs());
    return this.outputs;
  }

  /** BIP-143 digest for a segwit v0 input; `scriptCode` without its length prefix. */
  witnessV0({
    index,
    scriptCode,
    value,
    hashType,
  }: {
    index: number;
    scriptCode: Uint8Array;
    value: bigint;
    hashType: number;
  }): Uint8Array {
    const input = this.tx.ins[index];
    if (!input) throw new RangeError(`no input ${index}`);
    const base = hashType & 0x1f;
    const anyoneCanPay = (hashType & ANYONECANPAY) !== 0;
    const single = base === Transaction.SIGHASH_SINGLE;
    const none = base === Transaction.SIGHASH_NONE;
    const prevouts = anyoneCanPay ? ZERO32 : this.hashPrevouts();
    const sequences = anyoneCanPay || single || none ? ZERO32 : this.hashSequence();
    let outputs: Uint8Array = ZERO32;
    if (!single && !none) outputs = this.hashOutputs();
    else if (single && index < this.tx.outs.length) outputs = hash256(outputBytes(this.tx.outs[index]!));
    return hash256(
      concat([
        u32le(this.tx.version),
        prevouts,
        sequences,
        input.hash,
        u32le(input.index),
        compactSize(scriptCode.length),
        scriptCode,
        u64le(value),
        u32le(input.sequence),
        outputs,
        u32le(this.tx.locktime),
        u32le(hashType),
      ]),
    );
  }

  /**
   * Legacy (pre-segwit) digest. SIGHASH_ALL, the only type this signer uses by default, is built from
   * cached pieces; the other types are rare and go to bitcoinjs-lib.
   */
  legacy({
    index,
    scriptCode,
    hashType,
  }: {
    index: number;
    scriptCode: Uint8Array;
    hashType: number;
  }): Uint8Array {
    if (hashType !== Transaction.SIGHASH_ALL) return this.tx.hashForSignature(index, scriptCode, hashType);
    if (!this.tx.ins[index]) throw new RangeError(`no input ${index}`);
    this.serializedInputs ??= this.tx.ins.map((input) =>
      concat([input.hash, u32le(input.index), Uint8Array.of(0), u32le(input.sequence)]),
    );
    const chunks = bscript.decompile(scriptCode);
    const cleaned = chunks
      ? bscript.compile(chunks.filter((chunk) => chunk !== opcodes.OP_CODESEPARATOR))
      : scriptCode;
    const input = this.tx.ins[index]!;
    const signedInput = concat([
      input.hash,
      u32le(input.index),
      compactSize(cleaned.length),
      cleaned,
      u32le(input.sequence),
    ]);
    const inputs = this.serializedInputs.map((bytes, i) => (i === index ? signedInput : bytes));
    return hash256(
      concat([
        u32le(this.tx.version),
        compactSize(this.tx.ins.length),
        ...inputs,
        compactSize(this.tx.outs.length),
        this.allOutputs(),
        u32le(this.tx.locktime),
        u32le(hashType),
      ]),
    );
  }
}
