import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Runs every bench/*.ts module's default export in turn (npm run bench), or those named (npm run bench -- sign). */
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .filter((file) => only.length === 0 || only.includes(file.replace(/\.ts$/, '')))
  .sort();

for (const file of modules) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default?: () => unknown };
  if (typeof module.default !== 'function') continue;
  console.log(`== ${file}`);
  await module.default();
}
