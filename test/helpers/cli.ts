import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output; stdin is given as bytes or text. */
export async function runCli(
  args: string[],
  options: { stdin?: string | Uint8Array; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const decoder = (chunk: string | Uint8Array) =>
    typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const status = await main(args, {
    stdout: { write: (c: string | Uint8Array) => (stdout += decoder(c)) },
    stderr: { write: (c: string | Uint8Array) => (stderr += decoder(c)) },
    readStdin: async () =>
      typeof options.stdin === 'string'
        ? new TextEncoder().encode(options.stdin)
        : (options.stdin ?? new Uint8Array()),
    env: {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { status, stdout, stderr };
}

export function tempDir(prefix = 'airlock-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
