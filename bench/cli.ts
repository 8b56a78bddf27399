import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { acceptChanges } from '../src/ceremony/config-ceremony';
import {
  buildPsbt,
  EXTERNAL_SCRIPT,
  seedOf,
  TEST_MNEMONICS,
  testWallet,
} from '../test/helpers/multisig-psbt';

/**
 * The CLI as a process: `airlock --help` and a one-input `sign` from the bundle that `npm ci` builds
 * (bin/airlock.js), against the same bundle compiled without its code cache and the TypeScript source
 * through tsx (what bin/airlock.js ran before, and runs while the bundle is stale). Rounds interleave;
 * the fastest of each counts.
 */
const ROUNDS = 7;
const root = resolve(import.meta.dirname, '..');
const tsxApi = import.meta.resolve('tsx/esm/api');
const runSource = pathToFileURL(join(root, 'src', 'cli', 'run.ts')).href;
const TSX_START = `import { register } from '${tsxApi}';\nregister();\nawait import('${runSource}');\n`;
/** The same bundle compiled afresh, as if the build had written no code cache (what that cache saves). */
const bundleRunner = pathToFileURL(join(root, 'scripts', 'cli-bundle.mjs')).href;
const UNCACHED_START = `import { loadBundle } from '${bundleRunner}';\nprocess.exitCode = await loadBundle('${join(root, 'dist', 'cli')}', { useCache: false }).exports.main(process.argv.slice(2));\n`;

/** GNU time reports a child's CPU time (user + system), which a loaded host inflates less than wall time. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Run {
  wall: number;
  /** Milliseconds of CPU, or NaN without GNU time. */
  cpu: number;
}

function run(args: string[], dataDir: string): Run {
  const command = GNU_TIME
    ? [GNU_TIME, '-f', 'cpu %U %S', process.execPath, ...args]
    : [process.execPath, ...args];
  const start = performance.now();
  const result = spawnSync(command[0] as string, command.slice(1), {
    cwd: root,
    env: { ...process.env, AIRLOCK_HOME: dataDir },
    encoding: 'utf8',
  });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`airlock ${args.join(' ')} failed: ${result.stderr}`);
  const times = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return { wall, cpu: times ? (Number(times[1]) + Number(times[2])) * 1000 : Number.NaN };
}

export default async function benchCli(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-bench-cli-'));
  run([join(root, 'scripts', 'build-cli.mjs'), '--quiet'], dataDir);
  const tsxStart = join(dataDir, 'tsx-start.mjs');
  writeFileSync(tsxStart, TSX_START);
  const bin = [join(root, 'bin', 'airlock.js')];
  const tsx = [tsxStart];
  const uncachedStart = join(dataDir, 'uncached-start.mjs');
  writeFileSync(uncachedStart, UNCACHED_START);
  const wallet = testWallet();
  const psbtFile = join(dataDir, 'one-input.psbt');
  const mnemonicFile = join(dataDir, 'key.mnemonic');
  const out = join(dataDir, 'out.psbt');
  writeFileSync(
    psbtFile,
    buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 100_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 90_000n }],
    }).toBase64(),
  );
  writeFileSync(mnemonicFile, `${TEST_MNEMONICS[0]}\n`);
  run([...bin, 'wallet', 'import', wallet.descriptor, '--name', 'treasury'], dataDir);
  // A host on a network signs only under a sealed air-gap override, as an operator's would.
  run([...bin, 'airgap', 'request', 'benchmark on a networked host'], dataDir);
  // Every sign runs under the seal: the device's first quorum seals the wallet just imported.
  acceptChanges({ dataDir, withSeed: (use) => use(seedOf(TEST_MNEMONICS[0])) });
  const sign = ['sign', psbtFile, '--wallet', 'treasury', '--mnemonic-file', mnemonicFile, '--out', out];
  const tasks = {
    'bundle --help': [...bin, '--help'],
    'tsx --help': [...tsx, '--help'],
    'bundle sign': [...bin, ...sign],
    'uncached sign': [uncachedStart, ...sign],
    'tsx sign': [...tsx, ...sign],
  };
  const fastest: Record<string, Run> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of Object.entries(tasks)) {
      const { wall, cpu } = run(args, dataDir);
      const best = fastest[name] ?? { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
      fastest[name] = { wall: Math.min(best.wall, wall), cpu: Math.min(best.cpu, cpu) };
    }
  }
  const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(3)} s`;
  const both = (name: string) => `${s(fastest[name]?.wall)} (CPU ${s(fastest[name]?.cpu)})`;
  const ratio = (a: string, b: string) => ((fastest[a]?.wall ?? 0) / (fastest[b]?.wall ?? 1)).toFixed(1);
  console.log(
    `cli: airlock --help ${both('bundle --help')} from the bundle (target <= 0.3 s), ${both('tsx --help')} through tsx (${ratio('tsx --help', 'bundle --help')}x)`,
  );
  console.log(
    `cli: one-input sign ${both('bundle sign')} from the bundle (target <= 0.5 s), ${both('uncached sign')} from it without its code cache, ${both('tsx sign')} through tsx (${ratio('tsx sign', 'bundle sign')}x)`,
  );
  const bare = Array.from({ length: ROUNDS }, () => run(['-e', ''], dataDir));
  console.log(
    `cli: node itself starts in ${s(Math.min(...bare.map((b) => b.wall)))} (CPU ${s(Math.min(...bare.map((b) => b.cpu)))}) here (the floor of any process)`,
  );
}
