import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createAirlockMain } from '../api/app';
import { airlockCore } from '../api/core';
import { bindApi } from './bind';
import { developmentBannerScript } from './dev-banner';
import { browserCardPrinter } from './print';
import { chooseChromiumSandbox, machineSandboxFacts } from './sandbox';
import { serveRenderer } from './server';

/**
 * `npm start` where the Electron binary is missing: the same handlers, bound into the system
 * Chromium. `--allow-network REASON` asks for an air-gap override: staged (and audited) for a quorum to
 * accept; it never allows signing on its own.
 */
async function run(argv: string[]): Promise<void> {
  const overrideAt = argv.indexOf('--allow-network');
  const airgapOverride = overrideAt >= 0 ? (argv[overrideAt + 1] ?? 'asked for at start') : null;
  const dataDir = process.env.AIRLOCK_HOME ? resolve(process.env.AIRLOCK_HOME) : join(homedir(), '.airlock');
  const server = await serveRenderer(resolve('dist/renderer'));
  const executablePath = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  const sandbox = chooseChromiumSandbox(machineSandboxFacts());
  if (sandbox.reason) process.stderr.write(`airlock: Chromium's sandbox is off: ${sandbox.reason}\n`);
  const browser = await chromium.launch({
    executablePath,
    headless: false,
    // Playwright adds --no-sandbox unless asked for the sandbox.
    chromiumSandbox: sandbox.enabled,
    // Playwright opens its own window, so Chromium's --app mode would not apply: the page shows in a
    // plain window whose navigation to anything but the app is blocked by the route guard (bind.ts).
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const { handlers } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: '0.1.0',
    airgapOverride,
    printer: browserCardPrinter(browser),
  });
  const context = await browser.newContext({ viewport: null, permissions: ['camera'] });
  const page = await context.newPage();
  await bindApi({ context, page, handlers, origin: server.url });
  await page.addInitScript({ content: developmentBannerScript(sandbox) });
  await page.goto(server.url);
  process.stderr.write(
    `airlock: the app is open in Chromium (data in ${dataDir}); close the window to quit\n`,
  );
  await new Promise<void>((done) => browser.on('disconnected', () => done()));
  await server.close();
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const reason = headless
    ? 'there is no graphical display (DISPLAY is not set); run npm start from a desktop session'
    : (error instanceof Error ? error.message : String(error)).split('\n')[0];
  process.stderr.write(`airlock: cannot open the window: ${reason}\n`);
  process.exit(1);
});
