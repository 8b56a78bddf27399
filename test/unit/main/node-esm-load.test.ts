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

async function bundleAndImport(
  entry: string,
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
  const probe = `const m = await import(${JSON.stringify(`file://${outfile}`)}); console.log(Object.keys(m).sort().join(','));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
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

  it('would catch an extensionless deep import of a package', async () => {
    const entry = join(outDir, 'bad-import.ts');
    writeFileSync(entry, "export { getCRC } from '@ngraveio/bc-ur/dist/utils';\n");
    const result = await bundleAndImport(entry);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ERR_MODULE_NOT_FOUND');
  }, 60_000);
});
