import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Runs every bench/*.ts module's default export in turn (npm run bench). */
const here = dirname(fileURLToPath(import.meta.url));
const modules = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .sort();

for (const file of modules) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default?: () => unknown };
  if (typeof module.default !== 'function') continue;
  console.log(`== ${file}`);
  await module.default();
}
