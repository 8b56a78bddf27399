import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Electron's main process loads our bundled code with Node's own ESM loader and the npm packages
 * from node_modules, as scripts/build.mjs bundles it (packages external). vitest and tsx resolve
 * imports more leniently (an extensionless deep import such as `pkg/dist/utils` works there and fails
 * in Node), so the main-side code is bundled the same way here and imported by a plain `node`.
 */
const outDir = mkdtempSync(join(resolve('node_modules'), '.airlock-esm-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** By default the probe prints the bundle's export names. */
const listExports = (url: string) =>
  `const m = await import(${JSON.stringify(url)}); console.log(Object.keys(m).sort().join(','));`;

async function bundleAndImport(
  entry: string,
  probeFor: (url: string) => string = listExports,
): Promise<{ status: number | null; stderr: string; stdout: string }> {
  const outfile = join(outDir, `${entry.replace(/\W+/g, '-')}.mjs`);
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probeFor(`file://${outfile}`)], {
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout.trim() };
}

describe('main-side code under Node’s own ESM loader (as Electron main runs it)', () => {
  it('loads the core binding and the app handlers', async () => {
    const core = await bundleAndImport('main/api/core.ts');
    expect(core.stderr).toBe('');
    expect(core.stdout.split(',')).toContain('airlockCore');
    const app = await bundleAndImport('main/api/app.ts');
    expect(app.stderr).toBe('');
    expect(app.stdout.split(',')).toContain('createAirlockMain');
  }, 60_000);

  it('starts the derivation workers from the bundle, and the process exits once they are idle', async () => {
    // The worker module built beside the bundle, as scripts/build.mjs builds it beside main's.
    await build({
      entryPoints: ['src/keys/ckd-worker.ts'],
      outfile: join(outDir, 'ckd-worker.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const entry = join(outDir, 'pool-probe.ts');
    writeFileSync(
      entry,
      `export { ChildKeyPool } from ${JSON.stringify(resolve('src/keys/ckd-pool.ts'))};\n` +
        `export { childPublicKey } from ${JSON.stringify(resolve('src/keys/ckd.ts'))};\n` +
        `export { masterNode } from ${JSON.stringify(resolve('src/keys/hd.ts'))};\n`,
    );
    const result = await bundleAndImport(
      entry,
      (url) => `
        const { ChildKeyPool, childPublicKey, masterNode } = await import(${JSON.stringify(url)});
        const pool = new ChildKeyPool({ size: 1, minParallelJobs: 1 });
        const parent = masterNode(new Uint8Array(32).fill(5), 'testnet');
        const jobs = Array.from({ length: 8 }, (_, index) => ({ parent, index }));
        const keys = await pool.childPublicKeys(jobs);
        const same = keys.every((k, i) => Buffer.from(k).equals(Buffer.from(childPublicKey(parent, i))));
        console.log(same, pool.derivedByWorkers);`,
    );
    expect(result.stderr).toBe('');
    // Half the jobs came back from the worker; the pool was never closed, and node still exited.
    expect(result).toMatchObject({ status: 0, stdout: 'true 4' });
  }, 60_000);

  it('would catch an extensionless deep import of a package', async () => {
    const entry = join(outDir, 'bad-import.ts');
    writeFileSync(entry, "export { getCRC } from '@ngraveio/bc-ur/dist/utils';\n");
    const result = await bundleAndImport(entry);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ERR_MODULE_NOT_FOUND');
  }, 60_000);
});
