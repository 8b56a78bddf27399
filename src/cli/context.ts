import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a command reads and writes; injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
  readStdin(): Promise<Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
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

export function defaultDataDir(env: Record<string, string | undefined>, cwd: string, flag?: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.AIRLOCK_HOME) return resolve(cwd, env.AIRLOCK_HOME);
  return join(homedir(), '.airlock');
}

export async function readAllStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
