import { createHash } from 'node:crypto';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UREncoder } from '@ngraveio/bc-ur';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditEntries } from '../../src/audit/verify';
import { encodeFrames } from '../../src/qr/encoder';
import { readUrPart } from '../../src/qr/ur';
import { buildRenderer, openApp, partitionedWallet, qrCameraVideo, registerWallet } from '../helpers/app';
import { tempDir } from '../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT } from '../helpers/multisig-psbt';

/**
 * A large PSBT as a coordinator shows it: 120 inputs with their full previous transactions, as
 * consecutive bc-ur parts filling version-20 codes at 8 frames a second, read by the app's camera
 * path (Chromium fake camera -> scanner -> main) into the Review screen. Whether the scanner keeps
 * up with every code depends on the host's load, so it is not asserted here.
 */
const INPUTS = 120;
const CODES_PER_SECOND = 8;
const { wallet } = partitionedWallet();
const amounts = Array.from({ length: INPUTS }, (_, i) => 200_000 + i);
const unsigned = buildPsbt({
  wallet,
  inputs: amounts.map((amount, index) => ({ index, amount: BigInt(amount) })),
  outputs: [
    { script: EXTERNAL_SCRIPT, amount: 15_000_000n },
    { change: { index: 7 }, amount: 8_975_140n },
  ],
});
const unsignedBytes = new Uint8Array(unsigned.toBuffer());
const unsignedHash = createHash('sha256').update(unsignedBytes).digest('hex');
const fee = amounts.reduce((a, b) => a + b, 0) - 15_000_000 - 8_975_140;

/** The coordinator's pure fragments, in order, each filling a version-20 code (the video loops them). */
function coordinatorParts(): string[] {
  const fragment = readUrPart(encodeFrames({ bytes: unsignedBytes, format: 'ur', density: 'high' })[0] ?? '')
    .data.length;
  const encoder = new UREncoder(new CryptoPSBT(Buffer.from(unsignedBytes)).toUR(), fragment);
  return Array.from({ length: encoder.fragmentsLength }, () => encoder.nextPart().toUpperCase());
}

describe('a 120-input PSBT scanned as a coordinator shows it (version 20, 8 frames/s)', () => {
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
  });

  it('reviews every input and output of the exact PSBT shown', async () => {
    const parts = coordinatorParts();
    expect(parts.length).toBeGreaterThan(60);
    const video = await qrCameraVideo(parts, tempDir('airlock-video-'), CODES_PER_SECOND);
    const app = await openApp({ rendererDir, fakeVideo: video });
    try {
      const { page } = app;
      await page.waitForSelector('[data-screen="home"]');
      await registerWallet(page, wallet.descriptor);
      await page.getByRole('button', { name: 'Home' }).click();
      await page.getByRole('button', { name: /Start: scan/ }).click();
      await page.waitForSelector('[data-screen="review"] [data-output-kind]', { timeout: 60_000 });

      const outputs = await page.$$eval('[data-output-kind]', (rows) =>
        rows.map((r) => [
          r.getAttribute('data-output-kind'),
          r.querySelector('[data-sats]')?.getAttribute('data-sats'),
        ]),
      );
      expect(outputs).toEqual([
        ['external', '15000000'],
        ['change', '8975140'],
      ]);
      expect(await page.getAttribute('[data-total="fee"] [data-sats]', 'data-sats')).toBe(String(fee));
      // The folded table is built when opened.
      await page.getByText(`Show all ${INPUTS} inputs`).click();
      // The rows are rendered after the toggle: wait for the last one before reading them.
      await page.locator(`table.inputs tbody tr:nth-child(${INPUTS})`).waitFor({ state: 'visible' });
      const inputs = await page.$$eval('table.inputs tbody tr', (rows) =>
        rows.map((r) => [
          r.querySelector('[data-sats]')?.getAttribute('data-sats'),
          ...[...r.querySelectorAll('td')].slice(2).map((td) => td.textContent),
        ]),
      );
      expect(inputs).toEqual(amounts.map((amount) => [String(amount), 'yes', 'yes']));
      const audit = readAuditEntries(app.dataDir);
      expect(audit.filter((e) => e.event === 'psbt-loaded').map((e) => e.psbtHash)).toEqual([unsignedHash]);
      expect(audit.filter((e) => e.event === 'review-shown').map((e) => e.psbtHash)).toEqual([unsignedHash]);
    } finally {
      await app.close();
    }
  }, 120_000);
});
