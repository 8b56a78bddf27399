import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { InterfaceLister } from '../ceremony/interfaces';

/** Where a command reads and writes; injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
  readStdin(): Promise<Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The machine's network interfaces, which the air-gap guard checks before every signature. */
  listInterfaces: InterfaceLister;
}

export interface CliContext {
  io: CliIo;
  json: boolean;
  dataDir: string;
}

/** A top-level command (`wallet`, `sign`, `qr` …) with its own argument parsing and help. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], ctx: CliContext): Promise<void>;
}

/** The app's name as Electron knows it (package.json `productName`), which names its userData directory. */
export const APP_NAME = 'Airlock';

/**
 * Electron's `userData` for this app, computed as Electron does (appData joined with the app's name),
 * so the CLI and the app share one log, one 24-hour total and one set of wallets.
 */
export function electronUserData(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export function defaultDataDir(env: Record<string, string | undefined>, cwd: string, flag?: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.AIRLOCK_HOME) return resolve(cwd, env.AIRLOCK_HOME);
  return electronUserData(env);
}

export async function readAllStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
