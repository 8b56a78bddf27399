import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAirlockError } from '../../../src/common/errors';

/** Absolute path of a file under test/fixtures/wallet/ (sources in its README). */
export const fixturePath = (path: string): string =>
  fileURLToPath(new URL(`../../fixtures/wallet/${path}`, import.meta.url));

export const fixture = (path: string): string => readFileSync(fixturePath(path), 'utf8');

/** The kind and code of the AirlockError `run` throws, undefined when it returns; other errors propagate. */
export function airlockErrorOf(run: () => unknown): { kind: string; code: string } | undefined {
  try {
    run();
  } catch (error) {
    if (isAirlockError(error)) return { kind: error.kind, code: error.code };
    throw error;
  }
  return undefined;
}

export const errorCodeOf = (run: () => unknown): string | undefined => airlockErrorOf(run)?.code;
