import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from '../helpers/app';
import { tempDir } from '../helpers/cli';

/**
 * The README's start command on a real (virtual) display: `npm start` builds the app and, with no
 * Electron binary on this machine, opens it in the system Chromium as a desktop window. Xvfb stands in
 * for the desktop; the window is found by its title and photographed off the X screen.
 */
const WIDTH = 1280;
const HEIGHT = 800;

function freeDisplay(): string {
  for (let n = 90 + (process.pid % 50); n < 200; n++) {
    if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return `:${n}`;
  }
  throw new Error('no free X display number');
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | null): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function stopGroup(child: ChildProcess | undefined): void {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

describe('npm start on a display', () => {
  const display = freeDisplay();
  const dataDir = tempDir('airlock-start-');
  let xvfb: ChildProcess | undefined;
  let app: ChildProcess | undefined;
  let appOutput = '';

  beforeAll(async () => {
    xvfb = spawn('Xvfb', [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], {
      detached: true,
      stdio: 'ignore',
    });
    await until('Xvfb', 20_000, () => (existsSync(`/tmp/.X11-unix/X${display.slice(1)}`) ? true : null));
    app = spawn('npm', ['start'], {
      detached: true,
      env: { ...process.env, DISPLAY: display, AIRLOCK_HOME: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout?.on('data', (chunk: Buffer) => {
      appOutput += chunk.toString();
    });
    app.stderr?.on('data', (chunk: Buffer) => {
      appOutput += chunk.toString();
    });
  }, 30_000);

  afterAll(() => {
    stopGroup(app);
    stopGroup(xvfb);
  });

  it('builds, says why it uses Chromium, and opens an Airlock window', async () => {
    await until('the app to open', 150_000, () => {
      if (app?.exitCode !== null) throw new Error(`npm start exited early:\n${appOutput}`);
      return appOutput.includes('the app is open in Chromium') ? true : null;
    });
    expect(appOutput).toContain('The Electron binary is not installed');
    expect(appOutput).toContain(dataDir);

    // A top-level window titled after the page ("Airlock", as Chromium names it) is mapped on the display.
    const window = await until('the Airlock window', 30_000, () => {
      const tree = execFileSync('xwininfo', ['-root', '-tree', '-display', display], { encoding: 'utf8' });
      return (
        tree.split('\n').find((line) => /"Airlock( \(development fallback\))?( - Chromium)?"/.test(line)) ??
        null
      );
    });
    const [, width, height] = /(\d+)x(\d+)\+/.exec(window) ?? [];
    expect(Number(width)).toBeGreaterThan(600);
    expect(Number(height)).toBeGreaterThan(400);

    // What the display shows once the UI has rendered: the app's light page with dark text on it.
    const shot = join(SCREENSHOTS, 'npm-start.png');
    const painted = await until('the UI to paint', 30_000, () => {
      execFileSync('ffmpeg', [
        '-loglevel',
        'error',
        '-y',
        '-f',
        'x11grab',
        '-video_size',
        `${WIDTH}x${HEIGHT}`,
        '-i',
        display,
        '-frames:v',
        '1',
        shot,
      ]);
      const png = PNG.sync.read(readFileSync(shot));
      let light = 0;
      let dark = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const luma =
          ((png.data[i] as number) + (png.data[i + 1] as number) + (png.data[i + 2] as number)) / 3;
        if (luma > 200) light++;
        else if (luma < 80) dark++;
      }
      const pixels = png.data.length / 4;
      return light / pixels > 0.3 && dark / pixels > 0.002 ? { light, dark } : null;
    });
    expect(painted.light).toBeGreaterThan(0);
  }, 240_000);
});
