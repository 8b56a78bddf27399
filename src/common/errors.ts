/**
 * Typed errors shared by the core, the CLI and the app. The kind decides the CLI exit status;
 * the code is stable for scripts and tests; the message is one plain sentence with no secret in it.
 */
export type ErrorKind = 'bad-input' | 'refused' | 'nothing-to-sign' | 'internal';

export class AirlockError extends Error {
  override readonly name = 'AirlockError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badInput = (code: string, message: string): AirlockError =>
  new AirlockError('bad-input', code, message);
export const refused = (code: string, message: string): AirlockError =>
  new AirlockError('refused', code, message);
export const nothingToSign = (code: string, message: string): AirlockError =>
  new AirlockError('nothing-to-sign', code, message);
export const internalError = (code: string, message: string): AirlockError =>
  new AirlockError('internal', code, message);

export const EXIT_STATUS: Record<ErrorKind, number> = {
  internal: 1,
  'bad-input': 2,
  refused: 3,
  'nothing-to-sign': 4,
};

export function isAirlockError(value: unknown): value is AirlockError {
  return value instanceof AirlockError;
}
