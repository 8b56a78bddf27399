import { sha256 } from '@noble/hashes/sha2.js';
import {
  address as baddress,
  crypto as bcrypto,
  script as bscript,
  opcodes,
  Psbt,
  Transaction,
} from 'bitcoinjs-lib';
import { bytesEqual, toHex } from '../common/bytes';
import { badInput, refused } from '../common/errors';
import { bitcoinNetwork } from '../common/network';
import type { AddressMatch } from '../wallet/address-search';
import type { Wallet } from '../wallet/types';
import type { ReviewPurpose } from './review-model';
import { verifyInputScript, witnessStack } from './script-verify';
import { walletOutput } from './wallet-output';

/**
 * BIP-322 generic signed messages. A message is signed by "spending" a virtual transaction, to_spend,
 * whose only output pays the address and whose input commits to the message's tagged hash; the
 * spending transaction, to_sign, has one zero-value OP_RETURN output. Neither can ever be mined.
 */

const TAG = new TextEncoder().encode('BIP0322-signed-message');
const TAG_HASH = sha256(TAG);
const OP_RETURN_ONLY = Uint8Array.of(opcodes.OP_RETURN);

/** sha256_tag(m) with tag "BIP0322-signed-message" (BIP-340 tagged hash). */
export function messageHash(message: string): Uint8Array {
  return sha256(new Uint8Array([...TAG_HASH, ...TAG_HASH, ...new TextEncoder().encode(message)]));
}

/** The virtual to_spend transaction for a message hash and the script being signed for. */
export function toSpend(hash: Uint8Array, challenge: Uint8Array): Transaction {
  const tx = new Transaction();
  tx.version = 0;
  tx.locktime = 0;
  tx.addInput(new Uint8Array(32), 0xffffffff, 0, bscript.compile([opcodes.OP_0, hash]));
  tx.addOutput(challenge, 0n);
  return tx;
}

/** The unsigned to_sign transaction spending `spend`'s only output (simple form: all fields 0). */
export function toSign(spend: Transaction): Transaction {
  const tx = new Transaction();
  tx.version = 0;
  tx.locktime = 0;
  tx.addInput(spend.getHash(), 0, 0);
  tx.addOutput(OP_RETURN_ONLY, 0n);
  return tx;
}

/** The message itself rides in input 0 under a proprietary key (BIP-174 0xFC, "airlock", 0x01). */
const PROPRIETARY_PREFIX = new TextEncoder().encode('airlock');
const MESSAGE_KEY = new Uint8Array([0xfc, PROPRIETARY_PREFIX.length, ...PROPRIETARY_PREFIX, 0x01]);

const notAMessage = (why: string) =>
  refused('NOT_A_MESSAGE', `the PSBT looks like a BIP-322 message but is not one: ${why}`);

/** The message hash a to_spend's scriptSig commits to, when the transaction has to_spend's shape. */
function committedHash(spend: Transaction): Uint8Array | null {
  if (spend.ins.length !== 1 || spend.outs.length !== 1) return null;
  const input = spend.ins[0]!;
  if (!bytesEqual(input.hash, new Uint8Array(32)) || input.index !== 0xffffffff) return null;
  const chunks = bscript.decompile(input.script);
  if (chunks?.length !== 2 || chunks[0] !== opcodes.OP_0) return null;
  const hash = chunks[1];
  return hash instanceof Uint8Array && hash.length === 32 ? hash : null;
}

/**
 * What a BIP-322 to_sign PSBT asks to sign; null when the PSBT is not one (any other shape is an
 * ordinary transaction). One input spending a to_spend given in full, one OP_RETURN output of zero:
 * to_spend is rebuilt from its message hash and the script it pays, and must be byte for byte the one
 * given; the message, when the PSBT carries it, must hash to what to_spend commits to.
 */
export function messagePurpose(
  psbt: Psbt,
  wallet: Wallet,
): Extract<ReviewPurpose, { kind: 'message' }> | null {
  const outputs = psbt.txOutputs;
  if (psbt.inputCount !== 1 || outputs.length !== 1) return null;
  if (outputs[0]!.value !== 0n || !bytesEqual(outputs[0]!.script, OP_RETURN_ONLY)) return null;
  const input = psbt.data.inputs[0]!;
  if (!input.nonWitnessUtxo) return null;
  const given = Transaction.fromBuffer(input.nonWitnessUtxo);
  const hash = committedHash(given);
  if (!hash) return null;
  const challenge = given.outs[0]!.script;
  if (!bytesEqual(toSpend(hash, challenge).toBuffer(), given.toBuffer()))
    throw notAMessage('its to_spend is not the one BIP-322 builds from its message and address');
  const txInput = psbt.txInputs[0]!;
  if (!bytesEqual(txInput.hash, given.getHash()) || txInput.index !== 0)
    throw notAMessage('it does not spend its to_spend');
  if (psbt.version !== 0 || psbt.locktime !== 0 || txInput.sequence !== 0)
    throw notAMessage('its version, lock time or sequence is not 0');
  const carried = (input.unknownKeyVals ?? []).find((kv) => bytesEqual(kv.key, MESSAGE_KEY));
  let message: string | null = null;
  if (carried) {
    try {
      message = new TextDecoder('utf-8', { fatal: true }).decode(carried.value);
    } catch {
      throw notAMessage('the message it carries is not UTF-8 text');
    }
    if (!bytesEqual(messageHash(message), hash))
      throw notAMessage('the message it carries is not the one signed');
  }
  let address: string;
  try {
    address = baddress.fromOutputScript(challenge, bitcoinNetwork(wallet.network));
  } catch {
    throw notAMessage('the script signed for has no address');
  }
  return { kind: 'message', message, messageHash: toHex(hash), address };
}

/**
 * The unsigned to_sign PSBT for signing `message` with the wallet's address `match`, to_spend given
 * as its full previous transaction, with the scripts and key origins every cosigner needs.
 */
export function prepareMessage({
  wallet,
  match,
  message,
}: {
  wallet: Wallet;
  match: AddressMatch;
  message: string;
}): Psbt {
  const coin = walletOutput(wallet, { chain: match.branch === 'receive' ? 0 : 1, index: match.index });
  const spend = toSpend(messageHash(message), coin.script);
  const psbt = new Psbt({ network: bitcoinNetwork(wallet.network) });
  psbt.setVersion(0);
  psbt.addInput({
    hash: spend.getHash(),
    index: 0,
    sequence: 0,
    nonWitnessUtxo: spend.toBuffer(),
    ...(wallet.scriptType === 'p2sh' ? {} : { witnessUtxo: { script: coin.script, value: 0n } }),
    bip32Derivation: coin.bip32Derivation,
    ...(coin.witnessScript ? { witnessScript: coin.witnessScript } : {}),
    ...(coin.redeemScript ? { redeemScript: coin.redeemScript } : {}),
  });
  psbt.addUnknownKeyValToInput(0, { key: MESSAGE_KEY, value: new TextEncoder().encode(message) });
  psbt.addOutput({ script: OP_RETURN_ONLY, value: 0n });
  return psbt;
}

/** The simple-form signature (base64 of the witness) of a finalized to_sign PSBT. */
export function simpleSignature(psbt: Psbt): string {
  const witness = psbt.data.inputs[0]?.finalScriptWitness;
  if (psbt.inputCount !== 1 || !witness)
    throw badInput(
      'NOT_FINALIZED',
      'the message PSBT is not finalized with a witness (a legacy P2SH address has no simple-form signature)',
    );
  return Buffer.from(witness).toString('base64');
}

/**
 * Verifies a simple-form BIP-322 signature of `message` by the address's script: the witness must
 * satisfy to_spend's output in to_sign, all signatures SIGHASH_ALL. For a P2SH-wrapped address the
 * scriptSig is the push of the redeem script the witness implies. Refused SCRIPT_INVALID otherwise.
 */
export function verifySimpleSignature({
  script,
  message,
  signature,
}: {
  script: Uint8Array;
  message: string;
  signature: string;
}): void {
  const text = signature.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0)
    throw badInput('SIGNATURE_INVALID', 'the signature is not base64');
  const witness = witnessStack(new Uint8Array(Buffer.from(text, 'base64')));
  const spend = toSpend(messageHash(message), script);
  const sign = toSign(spend);
  sign.ins[0]!.witness = witness;
  const isP2sh = script.length === 23 && script[0] === 0xa9;
  const last = witness[witness.length - 1];
  if (isP2sh && last) {
    // The redeem script is the witness program the witness implies: P2WPKH of a key, or P2WSH of a script.
    const program = witness.length === 2 && last.length === 33 ? bcrypto.hash160(last) : sha256(last);
    sign.ins[0]!.script = bscript.compile([bscript.compile([opcodes.OP_0, program])]);
  }
  verifyInputScript({ tx: sign, index: 0, coin: { script, value: 0n } });
}
