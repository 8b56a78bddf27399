import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { createAirlockMain } from '../../main/api/app';
import { airlockCore } from '../../main/api/core';
import type { ApiHandlers } from '../../main/api/handlers';
import { bindApi } from '../../main/browser/bind';
import { browserCardPrinter } from '../../main/browser/print';
import { serveRenderer } from '../../main/browser/server';
import type { InterfaceLister } from '../../src/ceremony/interfaces';
import type { NetworkName } from '../../src/common/network';
import { accountXpub } from '../../src/keys/hd';
import { splitMasterSecret } from '../../src/keys/slip39';
import { formatDescriptor } from '../../src/wallet/descriptor';
import type { OwnerClass, Wallet } from '../../src/wallet/types';
import { launchChromium } from './chromium';
import { ISOLATED_MACHINE, tempDir } from './cli';
import { seedOf, TEST_MNEMONICS } from './multisig-psbt';

/** Cosigner A's SLIP-39 master secret (public test value): the partitioned key of the app tests. */
export const PARTITIONED_SECRET = Uint8Array.from(Buffer.from('bb54aac4b89dc868ba37d9cc21b2cece', 'hex'));

/**
 * A 2-of-3 P2WSH wallet whose first cosigner is the partitioned key (SLIP-39 2-of-3 shares) and
 * whose other two are the public BIP-39 test mnemonics B and C, as Electrum can hold them.
 */
export function partitionedWallet(network: NetworkName = 'testnet'): { wallet: Wallet; shares: string[] } {
  const cosigners = [
    accountXpub({ seed: PARTITIONED_SECRET, scriptType: 'p2wsh', network }),
    ...TEST_MNEMONICS.slice(1).map((m) => accountXpub({ seed: seedOf(m), scriptType: 'p2wsh', network })),
  ];
  const descriptor = formatDescriptor({ scriptType: 'p2wsh', sorted: true, threshold: 2, cosigners });
  const [shares] = splitMasterSecret({
    masterSecret: PARTITIONED_SECRET,
    groups: [{ threshold: 2, count: 3 }],
  });
  return {
    wallet: {
      name: 'treasury',
      network,
      scriptType: 'p2wsh',
      threshold: 2,
      sorted: true,
      cosigners,
      descriptor,
    },
    shares: shares ?? [],
  };
}

/** Builds the renderer into a private directory, so parallel test files never share dist/. */
export async function buildRenderer(outDir: string): Promise<string> {
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  const { build } = await import('vite');
  await build({
    configFile: 'renderer/vite.config.ts',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface OpenApp {
  page: Page;
  /** The Chromium the app runs in; share cards open in contexts of their own in it. */
  browser: Browser;
  dataDir: string;
  handlers: ApiHandlers;
  /** Every call through the page's bridge as main received it and answered it, in order (JSON). */
  ipcTraffic: string[];
  close(): Promise<void>;
}

/** JSON of an IPC message, typed arrays shown as what they are (a share's indices travel as one). */
function ipcJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    ArrayBuffer.isView(v) ? { typedArray: v.constructor.name, values: Array.from(v as Uint16Array) } : v,
  );
}

/** The handlers, each call recorded before main sees it (main zeroes what the request carried). */
function recorded(handlers: ApiHandlers, traffic: string[]): ApiHandlers {
  const wrap = (name: string, handler: (raw: unknown) => Promise<unknown>) => async (raw: unknown) => {
    traffic.push(`${name} <- ${ipcJson(raw)}`);
    const answer = await handler(raw);
    traffic.push(`${name} -> ${ipcJson(answer)}`);
    return answer;
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [name, wrap(name, handler)]),
  ) as ApiHandlers;
}

export { ISOLATED_MACHINE };

/**
 * The app as `npm start` runs it without Electron: built renderer, local server with the CSP, the
 * real main-side handlers bound through the browser adapter, in Debian Chromium. It sees an isolated
 * machine unless `listInterfaces` presents a network (this test machine has one; the `--allow-network`
 * start flag, `airgapOverride`, only asks for an override, which a quorum must seal).
 */
export async function openApp(options: {
  rendererDir: string;
  listInterfaces?: InterfaceLister;
  airgapOverride?: string;
  fakeVideo?: string;
}): Promise<OpenApp> {
  const dataDir = tempDir();
  const server = await serveRenderer(options.rendererDir);
  const browser = await launchChromium(options.fakeVideo ? { fakeVideo: options.fakeVideo } : {});
  const { handlers } = createAirlockMain({
    dataDir,
    core: airlockCore,
    appVersion: 'test',
    listInterfaces: options.listInterfaces ?? ISOLATED_MACHINE,
    airgapOverride: options.airgapOverride ?? null,
    printer: browserCardPrinter(browser),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const ipcTraffic: string[] = [];
  await bindApi({ context, page, handlers: recorded(handlers, ipcTraffic), origin: server.url });
  await page.goto(server.url);
  return {
    page,
    browser,
    dataDir,
    handlers,
    ipcTraffic,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A y4m video for Chromium's fake camera showing each QR payload in turn, `framesPerSecond` codes a
 * second (3 by default), each held for several video frames (640x480 yuv420p, white border), made with ffmpeg.
 */
export async function qrCameraVideo(frames: string[], dir: string, framesPerSecond = 3): Promise<string> {
  const QRCode = (await import('qrcode')).default;
  for (const [i, frame] of frames.entries()) {
    await QRCode.toFile(join(dir, `qr-${String(i).padStart(4, '0')}.png`), frame, {
      errorCorrectionLevel: 'L',
      margin: 4,
      width: 440,
    });
  }
  const out = join(dir, 'camera.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-framerate',
    String(framesPerSecond),
    '-i',
    join(dir, 'qr-%04d.png'),
    '-vf',
    'pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-r',
    // Each code held for the same whole number of video frames (15 frames/s as before at 3 codes/s).
    String(framesPerSecond * Math.ceil(15 / framesPerSecond)),
    out,
  ]);
  return out;
}

/**
 * Registers a wallet on the Wallets screen as an operator does (paste, name, whose funds when given,
 * Check, then Register on the registration review) and waits until it is in use.
 */
export async function registerWallet(
  page: Page,
  walletText: string,
  name = 'treasury',
  owner?: OwnerClass,
): Promise<void> {
  await page.getByRole('button', { name: 'Wallets' }).click();
  await page.fill('textarea[name="wallet"]', walletText);
  await page.fill('input[name="wallet-name"]', name);
  if (owner) await page.getByLabel('Whose funds this wallet holds').selectOption(owner);
  await page.getByRole('button', { name: 'Check this wallet' }).click();
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await page.waitForSelector(`[data-wallet="${name}"] .badge-change`);
}

/** Decodes the QR code in a PNG screenshot with jsQR. */
export function decodeQrPng(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

export const SCREENSHOTS = 'test/screenshots';
