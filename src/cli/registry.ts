import type { CliCommand } from './context';

/**
 * Every top-level command, in help order. Each command lives in its own file under commands/;
 * add one import and one entry here.
 */
export const COMMANDS: CliCommand[] = [];
