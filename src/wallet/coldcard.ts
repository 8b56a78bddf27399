import { badInput } from '../common/errors';
import type { ParsedDescriptor } from './descriptor';
import { MAX_COSIGNERS } from './descriptor';
import { parseKeyExpression } from './key-expression';
import type { ScriptType } from './types';

/**
 * The Coldcard multisig setup file (also written by Sparrow, Electrum, Caravan):
 *
 *   # comment
 *   Name: CC-2-of-4
 *   Policy: 2 of 4
 *   Derivation: m/48'/1'/0'/2'     (once, or again before any key it applies to)
 *   Format: P2WSH                  (P2WSH, P2SH-P2WSH / P2WSH-P2SH, P2SH; Coldcard's default is P2SH)
 *   0F056943: tpubDF2…             (master fingerprint: account key, any SLIP-132 prefix)
 *
 * Coldcard always builds sortedmulti (BIP-67) scripts.
 */

const FORMATS: Record<string, ScriptType> = {
  P2WSH: 'p2wsh',
  'P2SH-P2WSH': 'p2sh-p2wsh',
  'P2WSH-P2SH': 'p2sh-p2wsh',
  P2SH: 'p2sh',
};

export interface ColdcardWalletFile {
  name?: string;
  parsed: ParsedDescriptor;
}

function fileError(lineNumber: number, message: string) {
  return badInput('WALLET_FILE_INVALID', `line ${lineNumber} of the multisig file: ${message}`);
}

export function looksLikeColdcardFile(text: string): boolean {
  return /^\s*(policy|format|derivation)\s*:/im.test(text) || /^\s*[0-9a-f]{8}\s*:\s*\S/im.test(text);
}

export function parseColdcardFile(text: string): ColdcardWalletFile {
  let name: string | undefined;
  let policy: { m: number; n: number } | undefined;
  let scriptType: ScriptType | undefined;
  let derivation: string | undefined;
  const keys: ParsedDescriptor['keys'] = [];
  const seen = new Set<string>();

  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    const lineNumber = i + 1;
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon <= 0) throw fileError(lineNumber, 'expected "Label: value"');
    const label = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (/^[0-9a-fA-F]{8}$/.test(label)) {
      if (!derivation)
        throw fileError(lineNumber, 'a key comes before any Derivation: line, so its origin is unknown');
      if (keys.length >= MAX_COSIGNERS) throw fileError(lineNumber, `more than ${MAX_COSIGNERS} keys`);
      const path = derivation === 'm' ? '' : derivation.slice(1);
      keys.push(parseKeyExpression(`[${label}${path}]${value}/<0;1>/*`, `cosigner ${keys.length + 1}`));
      return;
    }
    const key = label.toLowerCase();
    if (key !== 'derivation' && seen.has(key)) throw fileError(lineNumber, `${label} appears twice`);
    seen.add(key);
    switch (key) {
      case 'name':
        name = value;
        return;
      case 'policy': {
        const match = /^(\d{1,2})\s*(?:of|\/)\s*(\d{1,2})$/i.exec(value);
        if (!match) throw fileError(lineNumber, 'Policy must read "M of N"');
        policy = { m: Number(match[1]), n: Number(match[2]) };
        return;
      }
      case 'format': {
        const type = FORMATS[value.toUpperCase()];
        if (!type) throw fileError(lineNumber, 'Format must be P2WSH, P2SH-P2WSH or P2SH');
        scriptType = type;
        return;
      }
      case 'derivation': {
        const path = value.replace(/h/g, "'");
        if (!/^m(\/\d{1,10}'?)*$/.test(path))
          throw fileError(lineNumber, "Derivation must read like m/48'/0'/0'/2'");
        derivation = path;
        return;
      }
      default:
        throw fileError(lineNumber, `unknown setting "${label.slice(0, 20)}"`);
    }
  });

  if (keys.length === 0) throw badInput('WALLET_FILE_INVALID', 'the multisig file lists no keys');
  // Coldcard reads a missing Policy as N of N.
  const { m, n } = policy ?? { m: keys.length, n: keys.length };
  if (n !== keys.length) {
    throw badInput(
      'WALLET_FILE_INVALID',
      `the multisig file declares ${n} keys in its Policy but lists ${keys.length}`,
    );
  }
  return { name, parsed: { scriptType: scriptType ?? 'p2sh', sorted: true, threshold: m, keys } };
}
