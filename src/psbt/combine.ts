import type { Psbt } from 'bitcoinjs-lib';
import { bytesEqual } from '../common/bytes';
import { badInput } from '../common/errors';

/** BIP-174 Combiner: merges signatures and data of PSBTs for the same unsigned transaction. */
export function combinePsbts(psbts: Psbt[]): Psbt {
  const [first, ...rest] = psbts;
  if (!first || rest.length === 0) throw badInput('BAD_ARGUMENTS', 'combining needs at least two PSBTs');
  const unsigned = first.data.globalMap.unsignedTx.toBuffer();
  for (const [i, other] of rest.entries()) {
    if (!bytesEqual(other.data.globalMap.unsignedTx.toBuffer(), unsigned)) {
      throw badInput('PSBT_MISMATCH', `PSBT ${i + 2} is for a different transaction than the first`);
    }
  }
  const combined = first.clone();
  try {
    combined.combine(...rest);
  } catch {
    throw badInput('PSBT_MISMATCH', 'the PSBTs hold conflicting data and cannot be combined');
  }
  return combined;
}
