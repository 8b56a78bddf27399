import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorSentence } from '../../../renderer/components/ErrorNotice';
import { en } from '../../../renderer/i18n/en';
import { ja } from '../../../renderer/i18n/ja';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Where the app starts: Electron's main and the Chromium adapter; every handler and core module is reached from them. */
const ENTRY_POINTS = ['main/electron/electron-main.ts', 'main/browser/run.ts'];
const ERROR_CALL = /\b(?:badInput|refused|internalError|nothingToSign)\(\s*'([A-Z0-9_]+)'/g;
const IPC_ERROR = /\bcode: '([A-Z0-9_]+)'/g;
const VALUE_IMPORT = /^(?:import|export)\s(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms;

/** Every error code thrown in a module the app loads, followed through its relative value imports. */
function codesTheAppCanShow(): Set<string> {
  const codes = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const pattern of [ERROR_CALL, IPC_ERROR])
      for (const m of text.matchAll(pattern)) codes.add(m[1] ?? '');
    for (const m of text.matchAll(VALUE_IMPORT)) {
      const base = resolve(dirname(file), m[1] ?? '');
      const found = [base, `${base}.ts`, `${base}.tsx`].find((f) => /\.tsx?$/.test(f) && existsSync(f));
      if (found) visit(found);
    }
  };
  for (const entry of ENTRY_POINTS) visit(join(ROOT, entry));
  // The renderer's own: the bridge, the camera and anything unforeseen.
  for (const file of ['renderer/api/client.ts', 'renderer/scan/scanner.ts', 'renderer/flow/use-ceremony.ts'])
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/'([A-Z][A-Z0-9_]+)'/g))
      codes.add(m[1] ?? '');
  codes.add('unexpected');
  expect(seen.size, 'the walk reached the core').toBeGreaterThan(60);
  return codes;
}

describe('refusals in the officer’s language', () => {
  const codes = codesTheAppCanShow();

  it('finds the codes of the core and of main', () => {
    for (const code of ['NETWORK_MISMATCH', 'QUORUM_WRONG_KEY', 'SEAL_BROKEN', 'BAD_REQUEST', 'NO_CAMERA'])
      expect(codes).toContain(code);
  });

  it('has a sentence in English and in Japanese for every error code the app can show', () => {
    const missing = [...codes].filter((code) => !errorSentence(en, code) || !errorSentence(ja, code));
    expect(missing).toEqual([]);
    for (const code of codes) expect(errorSentence(ja, code), code).not.toBe(errorSentence(en, code));
  });

  it('falls back to the core’s sentence only for a code it does not know', () => {
    expect(errorSentence(en, 'NOT_A_CODE')).toBeNull();
    expect(errorSentence(ja, 'constructor')).toBeNull();
    expect(errorSentence(ja, 'SHARE_CHECKSUM')).toContain('カード');
  });
});
