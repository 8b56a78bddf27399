import { machineInterfaces } from '../ceremony/interfaces';
import { AirlockError, EXIT_STATUS, isAirlockError } from '../common/errors';
import { type CliCommand, type CliContext, type CliIo, defaultDataDir, readAllStdin } from './context';
import { COMMANDS } from './registry';

const GLOBAL_USAGE = 'airlock [--data-dir DIR] [--json] <command> [options]';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Usage: ${GLOBAL_USAGE}`,
    '',
    'Air-gapped multisig cosigner for Bitcoin treasuries.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    "  --data-dir DIR  data directory (default $AIRLOCK_HOME, else the app's own: ~/.config/Airlock on Linux)",
    '  --json          machine-readable output and errors',
    '  -h, --help      help; `airlock <command> --help` for a command',
    '',
    'Exit status: 0 done, 1 internal error, 2 bad input, 3 refused, 4 nothing to sign.',
    'Signing is refused while a network interface is up, unless a quorum sealed an override (airlock airgap).',
    '',
  ].join('\n');
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: readAllStdin,
    env: process.env,
    cwd: process.cwd(),
    listInterfaces: machineInterfaces,
  };
}

/** Splits the global options off the front; everything after the command name belongs to it. */
function splitGlobal(argv: string[]): { dataDir?: string; json: boolean; help: boolean; rest: string[] } {
  let dataDir: string | undefined;
  let json = false;
  let help = false;
  const rest = [...argv];
  while (rest.length > 0) {
    const head = rest[0] as string;
    if (head === '--json') json = true;
    else if (head === '-h' || head === '--help') help = true;
    else if (head === '--data-dir') {
      if (rest.length < 2)
        throw new AirlockError('bad-input', 'BAD_ARGUMENTS', '--data-dir needs a directory');
      dataDir = rest[1];
      rest.shift();
    } else if (head.startsWith('--data-dir=')) dataDir = head.slice('--data-dir='.length);
    else break;
    rest.shift();
  }
  // --json is also accepted after the command, as scripts tend to put it last.
  const jsonAt = rest.indexOf('--json');
  if (jsonAt > 0) {
    json = true;
    rest.splice(jsonAt, 1);
  }
  return { dataDir, json, help, rest };
}

function reportError(error: unknown, ctx: { io: CliIo; json: boolean }): number {
  const known = isAirlockError(error)
    ? error
    : new AirlockError('internal', 'INTERNAL', 'internal error; nothing was signed or written');
  if (!isAirlockError(error) && ctx.io.env.AIRLOCK_DEBUG === '1') {
    // Opt-in diagnostics for developers; never on by default since messages of third-party errors are not vetted.
    ctx.io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  }
  ctx.io.stderr.write(`airlock: ${known.message}\n`);
  if (ctx.json)
    ctx.io.stdout.write(`${JSON.stringify({ error: { code: known.code, message: known.message } })}\n`);
  return EXIT_STATUS[known.kind];
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let json = argv.includes('--json');
  try {
    const global = splitGlobal(argv);
    json = global.json;
    const [name, ...args] = global.rest;
    if (!name || (global.help && !name)) {
      io.stdout.write(helpText());
      return name || global.help ? 0 : 2;
    }
    if (name === 'help') {
      io.stdout.write(helpText());
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry)
      throw new AirlockError('bad-input', 'UNKNOWN_COMMAND', `unknown command "${name}"; see airlock --help`);
    const command: CliCommand = await entry.load();
    if (global.help || args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    const ctx: CliContext = { io, json, dataDir: defaultDataDir(io.env, io.cwd, global.dataDir) };
    await command.run(args, ctx);
    return 0;
  } catch (error) {
    return reportError(error, { io, json });
  }
}
