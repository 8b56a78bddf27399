import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InterfaceLister } from '../../src/ceremony/interfaces';
import { main } from '../../src/cli/main';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** A machine with only loopback, as the signing laptop is. */
export const ISOLATED_MACHINE: InterfaceLister = () => ({
  lo: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:00',
      internal: true,
      cidr: '127.0.0.1/8',
    },
  ],
});

/** A machine on a network: loopback and a Wi-Fi link with an address. */
export const CONNECTED_MACHINE: InterfaceLister = () => ({
  ...ISOLATED_MACHINE(),
  wlan0: [
    {
      address: '192.168.1.20',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '3c:22:fb:00:11:22',
      internal: false,
      cidr: '192.168.1.20/24',
    },
  ],
});

/**
 * Runs the CLI in-process with captured output; stdin is given as bytes or text. The machine is an
 * isolated one unless `listInterfaces` presents another (this test host has a network). Without
 * `--data-dir` the CLI uses the app's data directory under XDG_CONFIG_HOME, a fresh one for each run,
 * so no test writes into the user's own configuration.
 */
export async function runCli(
  args: string[],
  options: { stdin?: string | Uint8Array; cwd?: string; listInterfaces?: InterfaceLister } = {},
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
    env: { XDG_CONFIG_HOME: tempDir('airlock-config-') },
    cwd: options.cwd ?? process.cwd(),
    listInterfaces: options.listInterfaces ?? ISOLATED_MACHINE,
  });
  return { status, stdout, stderr };
}

export function tempDir(prefix = 'airlock-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
