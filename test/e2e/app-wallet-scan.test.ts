import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditEntries } from '../../src/audit/verify';
import { splitBbqr } from '../../src/qr/bbqr';
import { buildRenderer, openApp, partitionedWallet, qrCameraVideo, SCREENSHOTS } from '../helpers/app';
import { tempDir } from '../helpers/cli';

/**
 * Wallets → "Scan wallet QR": the coordinator's wallet file as animated BBQr text (as Coldcard shows
 * it) through Chromium's fake camera, into the import form, then registered as the file would be.
 */
const { wallet } = partitionedWallet();
const walletFile = [
  '# Coldcard Multisig setup file (exported by a coordinator)',
  'Name: treasury',
  `Policy: ${wallet.threshold} of ${wallet.cosigners.length}`,
  'Format: P2WSH',
  ...wallet.cosigners.flatMap((c) => [
    `Derivation: ${c.path!.replace(/h/g, "'")}`,
    `${c.fingerprint!.toUpperCase()}: ${c.xpub}`,
  ]),
  '',
].join('\n');

describe('the Wallets screen registers a wallet scanned from the camera', () => {
  it('assembles the animated BBQr file, fills the form, and registers the same wallet', async () => {
    const { parts } = splitBbqr(new TextEncoder().encode(walletFile), 'U', { minSplit: 3, maxVersion: 12 });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const video = await qrCameraVideo([...parts, ...parts], tempDir('airlock-video-'));
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    const app = await openApp({ rendererDir, fakeVideo: video });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Wallets' }).click();
      await page.getByRole('button', { name: 'Scan wallet QR' }).click();
      await page.waitForSelector('[data-wallet-scan] video');
      await page.waitForSelector('[data-wallet-scanned]', { timeout: 20_000 });
      // The camera view is gone once the file is read; the form holds the file's exact text.
      expect(await page.$('[data-wallet-scan]')).toBeNull();
      expect(await page.inputValue('textarea[name="wallet"]')).toBe(walletFile);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'wallet-scanned.png'), fullPage: true });

      await page.getByRole('button', { name: 'Check this wallet' }).click();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await page.waitForSelector('[data-wallet="treasury"] .badge-change');
      const registered = await page.$$eval('[data-wallet="treasury"] li.address', (items) =>
        items.map((item) => item.textContent),
      );
      expect(registered).toHaveLength(wallet.cosigners.length);
      for (const cosigner of wallet.cosigners) {
        expect(registered.some((line) => line?.includes(cosigner.xpub))).toBe(true);
      }
      const events = readAuditEntries(app.dataDir).filter((e) => e.event === 'wallet-registered');
      expect(events.map((e) => e.wallet)).toEqual(['treasury']);
    } finally {
      await app.close();
    }
  }, 90_000);
});
