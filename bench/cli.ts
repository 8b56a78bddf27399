import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildPsbt, EXTERNAL_SCRIPT, TEST_MNEMONICS, testWallet } from '../test/helpers/multisig-psbt';

/**
 * The CLI as a process: `airlock --help` and a one-input `sign` from the bundle that `npm ci` builds
 * (bin/airlock.js), against the TypeScript source through tsx (what bin/airlock.js ran before, and
 * runs while the bundle is stale). Rounds interleave; the fastest of each counts.
 */
const ROUNDS = 7;
const root = resolve(import.meta.dirname, '..');
const tsxApi = import.meta.resolve('tsx/esm/api');
const runSource = pathToFileURL(join(root, 'src', 'cli', 'run.ts')).href;
const TSX_START = `import { register } from '${tsxApi}';\nregister();\nawait import('${runSource}');\n`;

function run(args: string[], dataDir: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, AIRLOCK_HOME: dataDir },
    encoding: 'utf8',
  });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`airlock ${args.join(' ')} failed: ${result.stderr}`);
  return wall;
}

export default async function benchCli(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-bench-cli-'));
  run([join(root, 'scripts', 'build-cli.mjs'), '--quiet'], dataDir);
  const tsxStart = join(dataDir, 'tsx-start.mjs');
  writeFileSync(tsxStart, TSX_START);
  const bin = [join(root, 'bin', 'airlock.js')];
  const tsx = [tsxStart];
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
  const sign = ['sign', psbtFile, '--wallet', 'treasury', '--mnemonic-file', mnemonicFile, '--out', out];
  const tasks = {
    'bundle --help': [...bin, '--help'],
    'tsx --help': [...tsx, '--help'],
    'bundle sign': [...bin, ...sign],
    'tsx sign': [...tsx, ...sign],
  };
  const fastest: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of Object.entries(tasks)) {
      fastest[name] = Math.min(fastest[name] ?? Number.POSITIVE_INFINITY, run(args, dataDir));
    }
  }
  const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(3)} s`;
  const ratio = (a: string, b: string) => ((fastest[a] ?? 0) / (fastest[b] ?? 1)).toFixed(1);
  console.log(
    `cli: airlock --help ${s(fastest['bundle --help'])} from the bundle (target <= 0.3 s), ${s(fastest['tsx --help'])} through tsx (${ratio('tsx --help', 'bundle --help')}x)`,
  );
  console.log(
    `cli: one-input sign ${s(fastest['bundle sign'])} from the bundle (target <= 0.5 s), ${s(fastest['tsx sign'])} through tsx (${ratio('tsx sign', 'bundle sign')}x)`,
  );
  const bare = Math.min(...Array.from({ length: ROUNDS }, () => run(['-e', ''], dataDir)));
  console.log(`cli: node itself starts in ${s(bare)} here (the floor of any process)`);
}
