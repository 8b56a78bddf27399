import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli';

/**
 * bin/airlock.js in a checkout of its own (its source and node_modules linked to this one), so the
 * bundle can be missing, fresh or stale without touching the repository's own dist/.
 */
function checkout(): { root: string; airlock: (...args: string[]) => ReturnType<typeof spawnSync> } {
  const root = tempDir('airlock-bin-');
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(resolve('bin/airlock.js'), join(root, 'bin', 'airlock.js'));
  for (const script of ['build-cli.mjs', 'cli-bundle.mjs'])
    copyFileSync(resolve('scripts', script), join(root, 'scripts', script));
  copyFileSync(resolve('package.json'), join(root, 'package.json'));
  copyFileSync(resolve('package-lock.json'), join(root, 'package-lock.json'));
  symlinkSync(resolve('src'), join(root, 'src'));
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  const airlock = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin', 'airlock.js'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
  return { root, airlock };
}

describe('bin/airlock.js', () => {
  it('runs the bundle once built, and the source (saying so) while it is missing or stale', () => {
    const { root, airlock } = checkout();
    const fromSource = airlock('--help');
    expect(fromSource.status).toBe(0);
    expect(fromSource.stderr).toMatch(/^airlock: there is no CLI bundle; running from source/);

    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const bundled = airlock('--help');
    expect(bundled).toMatchObject({ status: 0, stderr: '', stdout: fromSource.stdout });
    // A command's own module loads on use (from the one bundle, with the code cache the build wrote).
    expect(airlock('sign', '--help').stdout).toMatch(/--return full\|signatures/);
    expect(airlock('nonsense')).toMatchObject({ status: 2 });

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'package-lock.json'), later, later);
    const stale = airlock('--help');
    expect(stale.stderr).toMatch(
      /^airlock: the source changed since the CLI bundle was built; running from source/,
    );
    expect(stale.stdout).toBe(fromSource.stdout);
  }, 180_000);

  it('uses the code cache only for the very source it was written for', () => {
    const { root, airlock } = checkout();
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(build.status).toBe(0);
    const summary = 'merge the signatures of PSBTs';
    expect(airlock('--help').stdout).toContain(summary);
    // An edit of the same length, in code the cache holds compiled (the command table, evaluated
    // at the build): V8 alone would accept the cache and run the old text.
    const bundle = join(root, 'dist', 'cli', 'airlock.cjs');
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replaceAll(summary, summary.toUpperCase()));
    const edited = airlock('--help');
    expect(edited).toMatchObject({ status: 0, stderr: '' });
    expect(edited.stdout).toContain(summary.toUpperCase());
    // A damaged cache costs only the compile.
    const cache = join(root, 'dist', 'cli', 'airlock.code-cache');
    writeFileSync(cache, readFileSync(cache).subarray(0, 100));
    expect(airlock('--help')).toMatchObject({ status: 0, stderr: '', stdout: edited.stdout });
  }, 180_000);
});
