#!/usr/bin/env node
// Bundles the CLI into dist/cli/ so `airlock` starts without compiling TypeScript: one CommonJS file
// (airlock.cjs, which scripts/cli-bundle.mjs runs with V8's code cache written here beside it) and
// the derivation worker. Runs at install (npm prepare), before the tests (pretest) and in
// `npm run build`; bin/airlock.js runs from source instead while the bundle is missing or stale.
import { rmSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE, writeCodeCache } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE_DIR = join(root, 'dist', 'cli');

/**
 * The CLI speaks English only, so two packages' other languages stay out of the bundle (half its size,
 * parsed on every start): bip39's index loads each wordlist in a try and skips one that is missing,
 * as it documents for bundles; zod's `locales` namespace keeps only the English messages it uses.
 */
const englishOnly = {
  name: 'english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/wordlists\/.+\.json$/ }, (args) =>
      args.importer.includes(`${sep}bip39${sep}`) && !args.path.endsWith('/english.json')
        ? { path: args.path, namespace: 'absent-wordlist' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'absent-wordlist' }, () => ({
      contents: "throw new Error('this wordlist is not bundled');",
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`)
        ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

export async function buildCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    // An install without devDependencies: the CLI still runs, from source through tsx.
    if (!quiet)
      console.error('airlock: esbuild is not installed; the CLI will run from source (slower start)');
    return false;
  }
  rmSync(CLI_BUNDLE_DIR, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    // tiny-secp256k1 loads its WebAssembly from its own directory.
    external: ['tiny-secp256k1'],
    plugins: [englishOnly],
    logLevel: quiet ? 'warning' : 'info',
  };
  // One script, not a chunk per command: Node 20 keeps no compiled code for ES modules, and V8's
  // code cache is per script. Commands still run their modules' code only when used (esbuild
  // defers what src/cli/registry.ts imports on use), so --help evaluates none of them.
  await esbuild.build({
    ...common,
    entryPoints: ['src/cli/bundle-entry.ts'],
    outfile: join(CLI_BUNDLE_DIR, BUNDLE_FILE),
    format: 'cjs',
    // src/keys/ckd-pool.ts finds the worker beside the module it runs in.
    define: { 'import.meta.url': '__airlockBundleUrl' },
    banner: { js: "const __airlockBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // The derivation worker beside the bundle, where src/keys/ckd-pool.ts looks for it.
  await esbuild.build({
    ...common,
    entryPoints: ['src/keys/ckd-worker.ts'],
    outfile: join(CLI_BUNDLE_DIR, 'ckd-worker.mjs'),
    format: 'esm',
    // The CommonJS packages bundled in need a require() inside an ES module.
    banner: {
      js: "import { createRequire as __airlockRequire } from 'node:module'; const require = __airlockRequire(import.meta.url);",
    },
  });
  await writeCodeCache(CLI_BUNDLE_DIR);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildCli({ quiet: process.argv.includes('--quiet') }).catch((error) => {
    console.error(`CLI build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
