import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalletDeriver } from '../../src/wallet/derive';
import { loadWallet } from '../../src/wallet/registry';
import { buildRenderer, openApp, partitionedWallet, qrCameraVideo, SCREENSHOTS } from '../helpers/app';
import { tempDir } from '../helpers/cli';

/** Wallets → "Verify an address": an address scanned as a bitcoin: URI, then one pasted that is not ours. */
const { wallet } = partitionedWallet();
const deriver = new WalletDeriver(wallet);

describe('the Wallets screen verifies an address', () => {
  it('registers a company wallet, finds a scanned change address, and says plainly when one is not found', async () => {
    const ours = deriver.address(1, 42);
    const video = await qrCameraVideo(
      [`bitcoin:${ours.toUpperCase()}?amount=0.5`],
      tempDir('airlock-video-'),
    );
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    const app = await openApp({ rendererDir, fakeVideo: video });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Wallets' }).click();
      await page.fill('textarea[name="wallet"]', wallet.descriptor);
      await page.fill('input[name="wallet-name"]', 'company-cold');
      await page.getByLabel('Whose funds this wallet holds').selectOption('company');
      await page.getByRole('button', { name: 'Check this wallet' }).click();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await page.waitForSelector('[data-wallet="company-cold"] .badge-change');
      expect(loadWallet(app.dataDir, 'company-cold').owner).toBe('company');
      expect(await page.textContent('[data-wallet="company-cold"]')).toContain('Company funds');

      await page.getByRole('button', { name: 'Scan address QR' }).click();
      await page.waitForSelector('[data-address-found="true"]', { timeout: 30_000 });
      expect(await page.textContent('[data-address-grouped]')).toBe(ours.match(/.{1,4}/g)!.join(' '));
      expect(await page.textContent('[data-address-found]')).toContain(
        'Belongs to wallet company-cold: change address number 42.',
      );
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'verify-address.png'), fullPage: true });

      const outside = new WalletDeriver({ ...wallet, threshold: 1 }).address(0, 0);
      await page.fill('input[name="address"]', outside);
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.waitForSelector('[data-address-found="false"]');
      expect(await page.textContent('[data-address-found]')).toContain(
        'Not found: it is none of the first 1,000 receive and 1,000 change addresses of any registered wallet.',
      );
    } finally {
      await app.close();
    }
  }, 120_000);
});
