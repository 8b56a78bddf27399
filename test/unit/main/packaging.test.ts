import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml, checked by electron-builder's own configuration validator (the one
 * `npm run dist` runs first; packaging itself needs the Electron binary, which cannot be downloaded
 * on this offline machine), and held to the hardening: asar with integrity, fuses off for
 * RunAsNode, NODE_OPTIONS and inspect, no auto-update, the Linux, macOS and Windows targets.
 */
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type BuilderConfig = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  files: string[];
};
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation, which refuses an unknown key", async () => {
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...structuredClone(config), electronFuse: {} }, new DebugLogger(false)),
    ).rejects.toThrow(/electronFuse/);
  });

  it('packs into an asar with integrity checks, with the fuses that stop Electron acting as Node', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('never updates itself and builds AppImage, deb, dmg and nsis', () => {
    expect(config.publish).toBeNull();
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('ships the built main process that package.json starts, and dist builds before packaging', () => {
    expect(packageJson.main).toBe('dist/main/electron-main.js');
    expect(readFileSync('scripts/build.mjs', 'utf8')).toContain(`outfile: '${packageJson.main}'`);
    expect(config.files).toContain('dist/**');
    expect(packageJson.scripts.dist).toMatch(
      /^npm run build && electron-builder --config electron-builder.yml$/,
    );
  });
});

/** Every source file of what ships (core, main, renderer, the CLI's launcher, the build scripts). */
function shippedSources(): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs)$/.test(entry.name)) files.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of ['src', 'main', 'renderer', 'bin', 'scripts']) walk(dir);
  return files;
}

describe('package.json', () => {
  it('lists no runtime dependency that nothing imports (it would ship in the bundle unused)', () => {
    const sources = shippedSources();
    const unused = Object.keys(packageJson.dependencies).filter(
      (name) => !sources.some(({ text }) => text.includes(`'${name}'`) || text.includes(`'${name}/`)),
    );
    expect(unused).toEqual([]);
  });

  it('keeps one MIME table, one directory fsync and one interface listing', () => {
    const holding = (pattern: RegExp) =>
      shippedSources()
        .filter(({ text }) => pattern.test(text))
        .map(({ path }) => path);
    expect(holding(/'application\/wasm'/)).toEqual(['main/content-types.ts']);
    expect(holding(/openSync\([^)]*,\s*'r'\)[\s\S]{0,80}fsyncSync/)).toEqual(['src/common/storage.ts']);
    expect(holding(/networkInterfaces\b/)).toEqual(['src/ceremony/interfaces.ts']);
  });
});
