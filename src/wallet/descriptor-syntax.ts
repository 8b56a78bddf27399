import { badInput } from '../common/errors';
import { stripDescriptorChecksum } from './checksum';
import { type KeyExpression, parseKeyExpression } from './key-expression';
import type { ScriptType } from './types';

/** Output descriptor syntax for multisig wallets: wsh(…), sh(wsh(…)), sh(…) around multi/sortedmulti. */

export const MAX_COSIGNERS = 15;
/** Descriptors longer than this are not multisig wallets of at most 15 keys. */
const MAX_DESCRIPTOR_LENGTH = 8192;

export interface ParsedDescriptor {
  scriptType: ScriptType;
  sorted: boolean;
  threshold: number;
  keys: KeyExpression[];
}

const WRAPPERS: { open: string; close: string; scriptType: ScriptType }[] = [
  { open: 'sh(wsh(', close: '))', scriptType: 'p2sh-p2wsh' },
  { open: 'wsh(', close: ')', scriptType: 'p2wsh' },
  { open: 'sh(', close: ')', scriptType: 'p2sh' },
];

function unwrap(body: string): { scriptType: ScriptType; inner: string } {
  for (const wrapper of WRAPPERS) {
    if (body.startsWith(wrapper.open) && body.endsWith(wrapper.close)) {
      return {
        scriptType: wrapper.scriptType,
        inner: body.slice(wrapper.open.length, body.length - wrapper.close.length),
      };
    }
  }
  throw badInput(
    'DESCRIPTOR_UNSUPPORTED',
    'only multisig descriptors wsh(…multi…), sh(wsh(…multi…)) and sh(…multi…) can be registered',
  );
}

/** Parses the descriptor's syntax (checksum verified when present) without the wallet rules. */
export function parseDescriptorSyntax(text: string): ParsedDescriptor {
  const trimmed = text.trim();
  if (trimmed.length > MAX_DESCRIPTOR_LENGTH) {
    throw badInput('DESCRIPTOR_INVALID', 'the descriptor is too long for a multisig wallet');
  }
  const { body } = stripDescriptorChecksum(trimmed);
  const { scriptType, inner } = unwrap(body);
  const match = /^(sortedmulti|multi)\((.*)\)$/.exec(inner);
  if (!match) {
    throw badInput('DESCRIPTOR_UNSUPPORTED', 'the descriptor holds no multi(…) or sortedmulti(…) expression');
  }
  const [thresholdText = '', ...keyTexts] = (match[2] as string).split(',');
  if (!/^\d{1,2}$/.test(thresholdText)) {
    throw badInput('DESCRIPTOR_INVALID', 'the multisig threshold is not a number between 1 and 15');
  }
  if (keyTexts.length === 0) throw badInput('DESCRIPTOR_INVALID', 'the multisig expression lists no keys');
  if (keyTexts.length > MAX_COSIGNERS) {
    throw badInput('TOO_MANY_KEYS', `a multisig wallet holds at most ${MAX_COSIGNERS} keys`);
  }
  const keys = keyTexts.map((keyText, i) => parseKeyExpression(keyText, `cosigner ${i + 1}`));
  return { scriptType, sorted: match[1] === 'sortedmulti', threshold: Number(thresholdText), keys };
}
