import type { Psbt } from 'bitcoinjs-lib';
import { bytesEqual, toHex } from '../common/bytes';
import { badInput, internalError } from '../common/errors';
import { parsePsbt } from './parse';
import { keyType, type RawKeyValue, type RawPsbt, RawPsbtReader, writeRawPsbt } from './raw-map';
import { GLOBAL_UNSIGNED_TX } from './v2';

function rawMaps(psbt: Psbt): RawPsbt {
  const reader = new RawPsbtReader(psbt.toBuffer());
  const global = reader.readMap('global map');
  const inputs = psbt.data.inputs.map((_, i) => reader.readMap(`input ${i}`));
  const outputs = psbt.data.outputs.map((_, i) => reader.readMap(`output ${i}`));
  return { global, inputs, outputs };
}

/**
 * The records of `after` that `before` lacks. A record `before` already has must be unchanged: signing
 * only adds, and a changed record would be lost when the coordinator combines with its own copy first.
 */
function added(after: RawKeyValue[], before: RawKeyValue[], where: string): RawKeyValue[] {
  const held = new Map(before.map((kv) => [toHex(kv.key), kv.value]));
  return after.filter((kv) => {
    const value = held.get(toHex(kv.key));
    if (value === undefined) return true;
    if (!bytesEqual(value, kv.value)) {
      throw internalError('RETURN_CONFLICT', `the signed PSBT changed a record of ${where} it was given`);
    }
    return false;
  });
}

/**
 * The signatures-only return: a PSBT holding the unsigned transaction and every record the signing
 * added to `received` (this cosigner's partial signatures with their public keys, and any script it
 * filled in), nothing the coordinator already holds. BIP-174's combiner merges it with `received` into
 * exactly `signed`'s records, so no signature that was in `received` is lost; combiners need no UTXO or
 * derivation beside a partial signature (bitcoinjs-lib and Electrum are tested).
 */
export function signaturesOnly({ signed, received }: { signed: Psbt; received: Psbt }): Psbt {
  const after = rawMaps(signed);
  const before = rawMaps(received);
  const unsignedTx = (maps: RawPsbt) => maps.global.find((kv) => keyType(kv.key) === GLOBAL_UNSIGNED_TX);
  const tx = unsignedTx(after);
  if (!tx || !bytesEqual(tx.value, unsignedTx(before)?.value ?? new Uint8Array())) {
    throw badInput('PSBT_MISMATCH', 'the signed PSBT is for a different transaction than the one received');
  }
  return parsePsbt(
    writeRawPsbt({
      global: [tx, ...added(after.global, before.global, 'the global map')],
      inputs: after.inputs.map((map, i) => added(map, before.inputs[i] ?? [], `input ${i}`)),
      outputs: after.outputs.map((map, i) => added(map, before.outputs[i] ?? [], `output ${i}`)),
    }),
  );
}
