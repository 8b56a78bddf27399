import type { Psbt } from 'bitcoinjs-lib';
import { badInput } from '../common/errors';
import { signaturesOnly } from '../psbt/return';
import { RETURN_CONTENTS, type ReturnContents } from '../psbt/return-contents';

/** `sign --return full|signatures`: what goes back to the coordinator (DESIGN §10). */
export const RETURN_OPTION = { return: { type: 'string' } } as const;

export function returnContents(value: string | undefined): ReturnContents {
  if (value === undefined) return 'full';
  const contents = RETURN_CONTENTS.find((c) => c === value);
  if (!contents) throw badInput('BAD_ARGUMENTS', `--return is one of ${RETURN_CONTENTS.join(', ')}`);
  return contents;
}

/**
 * Keeps what the return needs of the PSBT as received, before signing adds to it; then gives the PSBT
 * to write: the whole signed one, or only what the signing added.
 */
export function prepareReturn(contents: ReturnContents, received: Psbt): (signed: Psbt) => Psbt {
  if (contents === 'full') return (signed) => signed;
  const copy = received.clone();
  return (signed) => signaturesOnly({ signed, received: copy });
}
