#!/usr/bin/env node
// Runs the CLI bundle that `npm ci` builds (npm prepare: scripts/build-cli.mjs), through
// scripts/cli-bundle.mjs, which gives V8 the code it compiled at the build. While the bundle is
// missing or older than a source file or the lockfile (a checkout being edited or updated), runs the
// TypeScript source through tsx instead, so what runs is always the code in the checkout.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = join(root, 'dist', 'cli');
const bundle = join(bundleDir, 'airlock.cjs');

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Why the bundle cannot be used, or null when it is newer than every file it was built from. */
function staleReason() {
  const builtAt = modifiedAt(bundle);
  if (builtAt === null) return 'there is no CLI bundle';
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  for (const file of [...sources, join(root, 'package-lock.json')]) {
    if ((modifiedAt(file) ?? 0) > builtAt) return 'the source changed since the CLI bundle was built';
  }
  return null;
}

const reason = staleReason();
if (reason === null) {
  const { runBundle } = await import('../scripts/cli-bundle.mjs');
  process.exitCode = await runBundle(bundleDir, process.argv.slice(2));
} else {
  process.stderr.write(`airlock: ${reason}; running from source (slower; npm run build:cli rebuilds it)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run.ts');
}
