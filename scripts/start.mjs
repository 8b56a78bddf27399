#!/usr/bin/env node
// `npm start`: builds, then opens the Electron app; where the Electron binary is not installed, opens
// the same UI in the system Chromium with the same main-side handlers bound in (main/browser/).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildApp } from './build.mjs';

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

await buildApp({ quiet: true });
const extra = process.argv.slice(2);
const electron = electronBinary();
let child;
if (electron) {
  child = spawn(electron, ['.', ...extra], { stdio: 'inherit' });
} else {
  console.error(
    'The Electron binary is not installed (it cannot be downloaded on this machine); opening the same app in the system Chromium instead.',
  );
  child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/run.ts', ...extra], { stdio: 'inherit' });
}
child.on('exit', (code) => process.exit(code ?? 1));
