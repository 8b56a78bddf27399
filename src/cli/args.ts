import { type ParseArgsConfig, parseArgs } from 'node:util';
import { badInput } from '../common/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with unknown options and missing values reported as bad input (exit 2). */
export function parseCommandArgs<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : 'invalid arguments';
    throw badInput('BAD_ARGUMENTS', `${detail}. Usage: ${usage}`);
  }
}
