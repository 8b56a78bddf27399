// Runs the CLI bundle (dist/cli/airlock.cjs, built by scripts/build-cli.mjs) with V8's code cache that
// the build wrote beside it, so a process does not compile the CLI's JavaScript again (50-130 ms of a
// one-input sign's CPU, bench/RESULTS.md). Used by bin/airlock.js and, to write the cache, by the build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import vm from 'node:vm';

export const BUNDLE_FILE = 'airlock.cjs';
const CACHE_FILE = 'airlock.code-cache';
const DIGEST_BYTES = 32;

/**
 * The cache is used only for exactly the source it was made from: V8 itself compares little more
 * than the source's length, so the file starts with the SHA-256 of the compiled text. A cache that
 * is missing, of another source or refused by this Node means compiling, never other code.
 */
function cachedDataFor(dir, digest) {
  let file;
  try {
    file = readFileSync(join(dir, CACHE_FILE));
  } catch {
    return undefined;
  }
  return file.subarray(0, DIGEST_BYTES).equals(digest) ? file.subarray(DIGEST_BYTES) : undefined;
}

/** Evaluates the bundle as a CommonJS module; its exports are main and COMMANDS (src/cli/bundle-entry.ts). */
export function loadBundle(dir, { useCache = true } = {}) {
  const filename = resolve(dir, BUNDLE_FILE);
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(filename, 'utf8')}\n})`;
  const digest = createHash('sha256').update(source).digest();
  const script = new vm.Script(source, {
    filename,
    cachedData: useCache ? cachedDataFor(dir, digest) : undefined,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, dir);
  return { exports: module.exports, script, digest };
}

/** Build step: loads every command's module, then saves the code V8 compiled for them. */
export async function writeCodeCache(dir) {
  const { exports, script, digest } = loadBundle(dir, { useCache: false });
  await Promise.all(exports.COMMANDS.map((command) => command.load()));
  writeFileSync(join(dir, CACHE_FILE), Buffer.concat([digest, script.createCachedData()]));
}

/** Runs the CLI from the bundle in `dir`; resolves to the exit status. */
export function runBundle(dir, argv) {
  return loadBundle(dir).exports.main(argv);
}
