import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditEntries } from '../../src/audit/verify';
import { encodeFrames } from '../../src/qr/encoder';
import { buildRenderer, openApp, partitionedWallet, qrCameraVideo, registerWallet } from '../helpers/app';
import { tempDir } from '../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT } from '../helpers/multisig-psbt';

/**
 * The app's real camera path: an unsigned PSBT as UR or BBQr frames -> y4m fake-camera video ->
 * Chromium -> the Scan screen's scanner -> main's assembler -> the Review screen. The PSBT main
 * reviewed must be the very bytes that were encoded.
 */
const { wallet } = partitionedWallet();
/** Four 0.1 BTC coins in (enough bytes for several frames); 0.05 BTC out, 0.3498 BTC change; fee 20 000 sats. */
const unsigned = buildPsbt({
  wallet,
  inputs: [0, 1, 2, 3].map((index) => ({ index, amount: 10_000_000n })),
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 5_000_000n },
    { change: { index: 3 }, amount: 34_980_000n },
  ],
});
const unsignedBytes = new Uint8Array(unsigned.toBuffer());
const unsignedHash = createHash('sha256').update(unsignedBytes).digest('hex');

/** Every fifth code removed, starting with the first: 20% loss, deterministic. */
function dropOneInFive(frames: string[]): string[] {
  return frames.filter((_, i) => i % 5 !== 0);
}

/** Scans `codes` (shown in order, looped by the fake camera) until the Review screen appears. */
async function scanUntilReview({ rendererDir, codes }: { rendererDir: string; codes: string[] }) {
  const video = await qrCameraVideo(codes, tempDir('airlock-video-'));
  const app = await openApp({ rendererDir, fakeVideo: video });
  // Every request of the page and its decode worker (the context sees both), allowed or blocked.
  const requested: string[] = [];
  app.page.context().on('request', (request) => requested.push(request.url()));
  try {
    const { page } = app;
    await page.waitForSelector('[data-screen="home"]');
    await registerWallet(page, wallet.descriptor);
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: /Start: scan/ }).click();
    await page.waitForSelector('[data-screen="scan"]');
    // A ceiling so a broken scanner fails the test rather than hanging it.
    await page.waitForSelector('[data-screen="review"] [data-output-kind]', { timeout: 20_000 });
    const outputs = await page.$$eval('[data-output-kind]', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-output-kind'),
        r.querySelector('[data-sats]')?.getAttribute('data-sats'),
      ]),
    );
    const fee = await page.getAttribute('[data-total="fee"] [data-sats]', 'data-sats');
    return {
      outputs,
      fee,
      audit: readAuditEntries(app.dataDir),
      requested,
      origin: new URL(page.url()).origin,
    };
  } finally {
    await app.close();
  }
}

describe('the Scan screen reads an unsigned PSBT from the camera (Chromium fake camera)', () => {
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
  });

  const urFrames = encodeFrames({ bytes: unsignedBytes, format: 'ur', maxFragmentLength: 400 });
  const bbqrFrames = encodeFrames({ bytes: unsignedBytes, format: 'bbqr' });
  // BBQr has no redundancy: the lossy video loops the parts five times, so each part is dropped
  // once and shown again in another loop. UR's fountain parts stand in for the dropped ones.
  const bbqrLooped = Array.from({ length: 5 }, () => bbqrFrames).flat();
  const cases = [
    { format: 'ur', loss: false, codes: urFrames },
    { format: 'ur', loss: true, codes: dropOneInFive(urFrames) },
    { format: 'bbqr', loss: false, codes: bbqrFrames },
    { format: 'bbqr', loss: true, codes: dropOneInFive(bbqrLooped) },
  ] as const;

  it('encodes the PSBT in several frames, and each lossy BBQr video still shows every part', () => {
    expect(urFrames.length).toBeGreaterThanOrEqual(10);
    expect(bbqrFrames.length).toBeGreaterThanOrEqual(3);
    expect(new Set(dropOneInFive(bbqrLooped))).toEqual(new Set(bbqrFrames));
  });

  for (const { format, loss, codes } of cases) {
    it(`reviews the exact PSBT encoded as ${format} (${loss ? '20% of the codes dropped' : 'every code'})`, async () => {
      const result = await scanUntilReview({ rendererDir, codes: [...codes] });
      expect(result.outputs).toEqual([
        ['external', '5000000'],
        ['change', '34980000'],
      ]);
      expect(result.fee).toBe('20000');
      // Main keeps the SHA-256 of the PSBT bytes it loaded and reviewed; it must be the encoded bytes' hash.
      const loaded = result.audit.filter((e) => e.event === 'psbt-loaded');
      expect(loaded).toHaveLength(1);
      expect(loaded[0]?.psbtHash).toBe(unsignedHash);
      expect(loaded[0]?.details).toEqual({ source: format, bytes: unsignedBytes.length });
      const reviewed = result.audit.filter((e) => e.event === 'review-shown').map((e) => e.psbtHash);
      expect(reviewed).toEqual([unsignedHash]);
      // The decoder's WebAssembly came from the app's own files, and nothing was asked of anywhere else
      // (a CDN fetch would have been blocked and the scanner would have failed).
      const wasm = result.requested.filter((url) => url.endsWith('.wasm'));
      expect(wasm).toHaveLength(1);
      expect(wasm[0]?.startsWith(`${result.origin}/assets/zxing_reader-`)).toBe(true);
      expect(result.requested.filter((url) => !url.startsWith(result.origin))).toEqual([]);
    }, 45_000);
  }
});
