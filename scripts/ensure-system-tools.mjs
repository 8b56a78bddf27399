#!/usr/bin/env node
// Makes sure the system tools used by the interop and UI tests are present, installing missing
// ones with apt-get where possible. Tests never skip silently because a tool is missing.
import { execFileSync, spawnSync } from 'node:child_process';

const TOOLS = [
  { pkg: 'chromium', check: () => has('chromium', ['--version']) },
  { pkg: 'ffmpeg', check: () => has('ffmpeg', ['-version']) },
  { pkg: 'zbar-tools', check: () => has('zbarimg', ['--version']) },
  // A virtual display and window lister, so the README's `npm start` is tested on a display.
  { pkg: 'xvfb', check: () => has('Xvfb', ['-help']) },
  { pkg: 'x11-utils', check: () => has('xwininfo', ['-version']) },
  // Debian's own python3, not a pyenv shim that may come first on PATH.
  { pkg: 'python3-electrum', check: () => has('/usr/bin/python3', ['-c', 'import electrum']) },
];

function has(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  return result.status === 0;
}

const missing = TOOLS.filter((t) => !t.check()).map((t) => t.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = has('apt-get', ['--version']);
const sudo = !isRoot && has('sudo', ['-n', 'true']);
if (!aptGet || (!isRoot && !sudo)) {
  console.error(
    `airlock tests need these system packages: ${missing.join(' ')} (install them with your package manager)`,
  );
  process.exit(1);
}
const prefix = isRoot ? [] : ['sudo', '-n'];
const run = (args) => {
  const [cmd, ...rest] = [...prefix, ...args];
  execFileSync(cmd, rest, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
};
console.error(`installing system packages for the tests: ${missing.join(' ')}`);
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
const still = TOOLS.filter((t) => !t.check()).map((t) => t.pkg);
if (still.length > 0) {
  console.error(`airlock tests need these system packages, which could not be installed: ${still.join(' ')}`);
  process.exit(1);
}
