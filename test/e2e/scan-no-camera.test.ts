import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { tempDir } from '../helpers/cli';
import { ZXING_WASM_PATH } from '../helpers/qr-reader';

it('reports a clear error when the camera is refused, without reading any frame', async () => {
  const dir = tempDir();
  await build({
    entryPoints: ['renderer/scan/test-page.ts', 'renderer/scan/decode-worker.ts'],
    bundle: true,
    format: 'esm',
    outdir: dir,
    logLevel: 'silent',
  });
  // The scanner's decoder, served next to the bundle as the app serves it from its own files.
  copyFileSync(ZXING_WASM_PATH, join(dir, 'zxing_reader.wasm'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><body><script type="module" src="test-page.js"></script>',
  );
  const server = createServer((request, response) => {
    const name = request.url === '/' ? 'index.html' : (request.url ?? '').slice(1);
    if (!/^[\w.-]+$/.test(name)) return void response.writeHead(404).end();
    try {
      const body = readFileSync(join(dir, name));
      response.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // No fake-camera flags: the permission prompt is not answered, so headless Chromium refuses.
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const scanned: string[] = [];
    const error = new Promise<string>((resolve) => {
      void page.exposeFunction('airlockScanError', resolve);
    });
    await page.exposeFunction('airlockScanned', (text: string) => scanned.push(text));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await error).toMatch(/^(CAMERA_DENIED|NO_CAMERA): .*camera/);
    expect(scanned).toEqual([]);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}, 60_000);
