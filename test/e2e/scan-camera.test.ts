import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssembler } from '../../src/qr/assembler';
import { commonQrVersion, encodeFrames, type OutputFormat, renderFramePng } from '../../src/qr/encoder';
import { launchChromium } from '../helpers/chromium';
import { tempDir } from '../helpers/cli';
import { ZXING_WASM_PATH } from '../helpers/qr-reader';
import { makeY4mFromPngs } from '../helpers/video';

/**
 * The real camera path: QR frames -> PNG -> y4m video -> Chromium's fake camera -> the scanner in
 * renderer/scan (worker decode) -> texts handed to the assembler, which must rebuild the exact bytes.
 */
let bundleDir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  bundleDir = tempDir();
  await build({
    entryPoints: ['renderer/scan/test-page.ts', 'renderer/scan/decode-worker.ts'],
    bundle: true,
    format: 'esm',
    outdir: bundleDir,
    logLevel: 'silent',
  });
  // The scanner's decoder, served next to the bundle as the app serves it from its own files.
  copyFileSync(ZXING_WASM_PATH, join(bundleDir, 'zxing_reader.wasm'));
  writeFileSync(
    join(bundleDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><body><script type="module" src="test-page.js"></script></body>',
  );
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript' };
  server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0]?.replace(/^\//, '') || 'index.html';
    if (!/^[\w.-]+$/.test(name)) return void response.writeHead(404).end();
    try {
      const body = readFileSync(join(bundleDir, name));
      response.writeHead(200, {
        'content-type': types[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** Deterministic, so the fountain parts (seeded from the payload's checksum) are the same every run. */
function psbtLike(size: number): Uint8Array {
  // High entropy like a real PSBT (so BBQr cannot compress it away), from a fixed xorshift seed.
  let state = 0x2545f491;
  const bytes = Uint8Array.from({ length: size }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  });
  bytes.set([0x70, 0x73, 0x62, 0x74, 0xff]);
  return bytes;
}

/** Every fifth item removed: 20% loss, deterministic. */
function dropOneInFive<T>(items: T[]): T[] {
  return items.filter((_, i) => i % 5 !== 4);
}

async function scanVideo({
  video,
  expectedParts,
  query = '',
}: {
  video: string;
  expectedParts: number;
  query?: string;
}) {
  const assembler = createAssembler();
  const browser = await launchChromium({ fakeVideo: video });
  try {
    const page = await browser.newPage();
    let complete: Uint8Array | null = null;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const errors: string[] = [];
    await page.exposeFunction('airlockScanError', (message: string) => {
      errors.push(message);
      resolveDone();
    });
    await page.exposeFunction('airlockScanned', (text: string) => {
      const update = assembler.receive(text);
      if (update.status === 'failed') errors.push(update.message ?? 'failed');
      if (update.status === 'complete' && update.payload) {
        complete = update.payload.bytes;
        resolveDone();
      }
    });
    await page.goto(`${origin}/index.html${query}`);
    // A generous ceiling so a broken scanner fails the test rather than hanging it.
    const ceiling = new Promise<void>((resolve) => setTimeout(resolve, 40_000 + expectedParts * 1000));
    await Promise.race([done, ceiling]);
    await page.evaluate(() => window.airlockStopScan());
    return { bytes: complete as Uint8Array | null, errors };
  } finally {
    await browser.close();
  }
}

async function framePngs({ frames, dir }: { frames: string[]; dir: string }): Promise<string[]> {
  const version = commonQrVersion(frames);
  return Promise.all(
    frames.map(async (frame, i) => {
      const path = join(dir, `frame-${i}.png`);
      writeFileSync(path, await renderFramePng(frame, { version, scale: 4 }));
      return path;
    }),
  );
}

describe('camera scanner (Chromium fake camera)', () => {
  const cases: { format: OutputFormat; loss: 'none' | 'codes' | 'video-frames' }[] = [
    { format: 'ur', loss: 'none' },
    { format: 'ur', loss: 'codes' },
    { format: 'bbqr', loss: 'none' },
    { format: 'bbqr', loss: 'video-frames' },
  ];
  for (const { format, loss } of cases) {
    it(`assembles the exact PSBT bytes from ${format} frames (${loss === 'none' ? 'no loss' : `20% of ${loss} dropped`})`, async () => {
      const dir = tempDir();
      const bytes = psbtLike(1500);
      const frames = encodeFrames({ bytes, format, maxFragmentLength: 250 });
      expect(frames.length).toBeGreaterThan(2);
      const pngs = await framePngs({ frames, dir });
      // UR's fountain parts cover for codes that never appear; BBQr relies on the loop and on each
      // code being held for several video frames.
      const shown = loss === 'codes' ? dropOneInFive(pngs) : pngs;
      if (loss === 'codes') {
        // The codes left in the video are enough on their own (checked without the camera).
        const offline = createAssembler();
        const statuses = dropOneInFive(frames).map((f) => offline.receive(f).status);
        expect(statuses).toContain('complete');
      }
      const held = shown.flatMap((png) => [png, png, png, png]);
      const video = makeY4mFromPngs({
        pngs: loss === 'video-frames' ? dropOneInFive(held) : held,
        out: join(dir, 'camera.y4m'),
        holdFrames: 1,
      });
      const result = await scanVideo({ video, expectedParts: frames.length });
      expect(result.errors).toEqual([]);
      expect(result.bytes).not.toBeNull();
      expect(Buffer.from(result.bytes as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
    }, 120_000);
  }

  it('reports a decoder that cannot be loaded, and reads nothing', async () => {
    const dir = tempDir();
    const [png] = await framePngs({ frames: ['B$2P0100NOTHING'], dir });
    const video = makeY4mFromPngs({ pngs: [png as string], out: join(dir, 'camera.y4m'), holdFrames: 4 });
    const result = await scanVideo({ video, expectedParts: 1, query: '?wasm=missing.wasm' });
    expect(result.bytes).toBeNull();
    expect(result.errors).toEqual([
      'DECODER_FAILED: The QR decoder could not be loaded (404 fetching the decoder).',
    ]);
  }, 60_000);
});
