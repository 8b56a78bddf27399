import { combineCommand } from './commands/combine';
import { finalizeCommand } from './commands/finalize';
import { inspectCommand } from './commands/inspect';
import { signCommand } from './commands/sign';
import { xpubCommand } from './commands/xpub';
import type { CliCommand } from './context';

/**
 * Every top-level command, in help order. Each command lives in its own file under commands/;
 * add one import and one entry here.
 */
export const COMMANDS: CliCommand[] = [
  inspectCommand,
  signCommand,
  combineCommand,
  finalizeCommand,
  xpubCommand,
];
