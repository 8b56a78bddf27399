import { badInput, isAirlockError } from '../common/errors';
import { looksLikePrivateKey, type NormalisedKey, normaliseExtendedKey } from './slip132';

/** BIP-380 key expressions as multisig wallets use them: `[fp/48h/1h/0h/2h]xpub…/<0;1>/*`. */

const HARDENED_OFFSET = 0x80000000;

export interface KeyOrigin {
  /** 8 lowercase hex digits. */
  fingerprint: string;
  /** `m/48'/1'/0'/2'` form, as in CosignerSchema. */
  path: string;
  depth: number;
}

/** What follows the extended key, reduced to the shapes a multisig wallet can mean. */
export type KeyDerivation =
  /** `/0/*`, `/1/*`, `/<0;1>/*` or `/**`: the receive and/or change chains of an account key. */
  | { kind: 'chains'; chains: (0 | 1)[] }
  /** `/c/i`: one fixed address (BIP-129 records without path restrictions). */
  | { kind: 'fixed'; chain: number; index: number }
  /** Nothing after the key (some JSON exports list account keys only). */
  | { kind: 'account' }
  /** Any other non-hardened derivation: valid BIP-380/389, but not a wallet Airlock can hold. */
  | { kind: 'other'; text: string };

export interface KeyExpression {
  origin?: KeyOrigin;
  key: NormalisedKey;
  derivation: KeyDerivation;
}

function parseIndex(step: string, where: string): { index: number; hardened: boolean } {
  const match = /^(\d{1,10})(['h]?)$/.exec(step);
  if (!match)
    throw badInput('DESCRIPTOR_INVALID', `${where} has an invalid derivation step "${step.slice(0, 16)}"`);
  const index = Number(match[1]);
  if (index >= HARDENED_OFFSET) {
    throw badInput('DESCRIPTOR_INVALID', `${where} has a derivation index out of range`);
  }
  return { index, hardened: match[2] !== '' };
}

function parseOrigin(text: string, where: string): KeyOrigin {
  const [fingerprint = '', ...steps] = text.split('/');
  if (!/^[0-9a-fA-F]{8}$/.test(fingerprint)) {
    throw badInput('DESCRIPTOR_INVALID', `${where} has a key origin without an 8-digit hex fingerprint`);
  }
  const path = steps.map((step) => {
    const { index, hardened } = parseIndex(step, `the key origin of ${where}`);
    return `${index}${hardened ? "'" : ''}`;
  });
  return { fingerprint: fingerprint.toLowerCase(), path: ['m', ...path].join('/'), depth: path.length };
}

function classifyDerivation(steps: string[], where: string): KeyDerivation {
  if (steps.length === 0) return { kind: 'account' };
  if (steps.length === 1 && steps[0] === '**') return { kind: 'chains', chains: [0, 1] };
  let multipaths = 0;
  const values: (number | number[] | '*')[] = steps.map((step, position) => {
    if (step === '*') {
      if (position !== steps.length - 1)
        throw badInput('DESCRIPTOR_INVALID', `${where} has * before the end`);
      return '*';
    }
    if (/^\*['h]$/.test(step)) {
      throw badInput('DESCRIPTOR_INVALID', `${where} asks for hardened children of an extended public key`);
    }
    if (step.startsWith('<')) {
      multipaths += 1;
      const match = /^<([^<>]*)>$/.exec(step);
      const items = match?.[1]?.split(';') ?? [];
      if (!match || items.length < 2) {
        throw badInput(
          'DESCRIPTOR_INVALID',
          `${where} has a malformed multipath step "${step.slice(0, 16)}"`,
        );
      }
      const indexes = items.map((item) => {
        const parsed = parseIndex(item, where);
        if (parsed.hardened) throw hardenedAfterKey(where);
        return parsed.index;
      });
      if (new Set(indexes).size !== indexes.length) {
        throw badInput('DESCRIPTOR_INVALID', `${where} repeats a value inside its multipath step`);
      }
      return indexes;
    }
    const parsed = parseIndex(step, where);
    if (parsed.hardened) throw hardenedAfterKey(where);
    return parsed.index;
  });
  if (multipaths > 1) throw badInput('DESCRIPTOR_INVALID', `${where} has more than one multipath step`);
  const [first, second] = values;
  if (values.length === 2 && second === '*') {
    if (first === 0 || first === 1) return { kind: 'chains', chains: [first] };
    if (Array.isArray(first) && first.length === 2 && first[0] === 0 && first[1] === 1) {
      return { kind: 'chains', chains: [0, 1] };
    }
  }
  if (values.length === 2 && typeof first === 'number' && typeof second === 'number') {
    return { kind: 'fixed', chain: first, index: second };
  }
  return { kind: 'other', text: `/${steps.join('/')}` };
}

function hardenedAfterKey(where: string) {
  return badInput(
    'DESCRIPTOR_INVALID',
    `${where} has a hardened step after its extended public key, which cannot be derived`,
  );
}

/** Parses one key expression; `where` names it in errors ("cosigner 2"), never echoing key text. */
export function parseKeyExpression(text: string, where: string): KeyExpression {
  let rest = text;
  let origin: KeyOrigin | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw badInput('DESCRIPTOR_INVALID', `${where} has a key origin without a closing ]`);
    origin = parseOrigin(rest.slice(1, close), where);
    rest = rest.slice(close + 1);
  }
  if (rest.includes('[') || rest.includes(']')) {
    throw badInput('DESCRIPTOR_INVALID', `${where} has a misplaced key origin`);
  }
  const [keyText = '', ...steps] = rest.split('/');
  if (keyText === '') throw badInput('DESCRIPTOR_INVALID', `${where} has no key`);
  if (looksLikePrivateKey(keyText)) {
    throw badInput('PRIVATE_KEY_REFUSED', `${where} is a private key; Airlock accepts no private key here`);
  }
  if (/^(0[23][0-9a-fA-F]{64}|04[0-9a-fA-F]{128})$/.test(keyText)) {
    throw badInput(
      'DESCRIPTOR_INVALID',
      `${where} is a single public key; a wallet needs extended public keys (xpub)`,
    );
  }
  let key: NormalisedKey;
  try {
    key = normaliseExtendedKey(keyText);
  } catch (error) {
    if (isAirlockError(error) && error.code === 'PRIVATE_KEY_REFUSED') throw error;
    throw badInput('DESCRIPTOR_INVALID', `${where} is not a valid extended public key`);
  }
  return { origin, key, derivation: classifyDerivation(steps, where) };
}

/** `m/48'/1'/0'/2'` → `/48h/1h/0h/2h`, the canonical descriptor spelling. */
export function originPathForDescriptor(path: string): string {
  return path
    .split('/')
    .slice(1)
    .map((step) => `/${step.replace("'", 'h')}`)
    .join('');
}
