import { addressCommand } from './commands/address';
import { approverCommand } from './commands/approver';
import { auditCommand } from './commands/audit';
import { combineCommand } from './commands/combine';
import { configCommand } from './commands/config';
import { finalizeCommand } from './commands/finalize';
import { inspectCommand } from './commands/inspect';
import { messageCommand } from './commands/message';
import { policyCommand } from './commands/policy';
import { qrCommand } from './commands/qr';
import { reservesCommand } from './commands/reserves';
import { sharesCommand } from './commands/shares';
import { signCommand } from './commands/sign';
import { walletCommand } from './commands/wallet';
import { xpubCommand } from './commands/xpub';
import type { CliCommand } from './context';

/**
 * Every top-level command, in help order. Each command lives in its own file under commands/;
 * add one import and one entry here.
 */
export const COMMANDS: CliCommand[] = [
  walletCommand,
  inspectCommand,
  signCommand,
  combineCommand,
  finalizeCommand,
  xpubCommand,
  sharesCommand,
  qrCommand,
  policyCommand,
  approverCommand,
  auditCommand,
  reservesCommand,
  addressCommand,
  messageCommand,
  configCommand,
];
