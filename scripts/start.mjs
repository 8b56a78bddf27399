#!/usr/bin/env node
// Until the desktop window lands, `npm start` prints the CLI's help.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bin/airlock.js', '--help'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
