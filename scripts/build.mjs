#!/usr/bin/env node
// Builds the app into dist/: the renderer with vite, the Electron main process and preload with esbuild.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';

export async function buildApp({ quiet = false } = {}) {
  await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: quiet ? 'warn' : 'info' });
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: quiet ? 'warning' : 'info' };
  await esbuild({
    ...common,
    entryPoints: ['main/electron/electron-main.ts'],
    outfile: 'dist/main/electron-main.js',
    format: 'esm',
    // npm packages stay in node_modules (packed into the asar); only our own code is bundled.
    packages: 'external',
    external: ['electron'],
  });
  // The derivation worker beside the main bundle, where src/keys/ckd-pool.ts looks for it.
  await esbuild({
    ...common,
    entryPoints: ['src/keys/ckd-worker.ts'],
    outfile: 'dist/main/ckd-worker.mjs',
    format: 'esm',
    packages: 'external',
  });
  // A sandboxed preload is one classic script that may only require('electron').
  await esbuild({
    ...common,
    entryPoints: ['main/electron/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().catch((error) => {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
