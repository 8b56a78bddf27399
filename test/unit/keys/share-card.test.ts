import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderShareCardHtml } from '../../../src/keys/share-card';
import { splitMasterSecret } from '../../../src/keys/slip39';
import { decodeShare } from '../../../src/keys/slip39-share';
import { launchChromium } from '../../helpers/chromium';

const [SHARES] = splitMasterSecret({
  masterSecret: new Uint8Array(16).fill(3),
  groups: [{ threshold: 2, count: 3 }],
}) as [string[]];

describe('share cards', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('prints numbered words, the quorum, the fingerprint, and a QR code that scans back to the share', async () => {
    const html = await renderShareCardHtml({
      share: SHARES[1]!,
      shareCount: 3,
      walletFingerprint: 'e08ca00a',
    });
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.setContent(html);
    const items = await page.locator('ol li').allTextContents();
    expect(items).toEqual(SHARES[1]!.split(' '));
    const meta = await page.locator('.meta').textContent();
    expect(meta).toContain('Share 2 of 3, 2 needed');
    expect(meta).toContain('e08ca00a');
    const setId = decodeShare(SHARES[1]!).identifier.toString(16).padStart(4, '0');
    expect(meta).toContain(`Set ${setId}`);

    const png = PNG.sync.read(await page.locator('.qr').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(SHARES[1]);

    const pdf = await page.pdf({ format: 'A5', landscape: true });
    const pdfText = Buffer.from(pdf).toString('latin1');
    expect(pdfText.startsWith('%PDF-')).toBe(true);
    // One card, one page: the print CSS keeps the card on a single A5 sheet.
    expect(pdfText.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    await page.close();
  });

  it('fits a 33-word (256-bit) share on one A5 page', async () => {
    const [long] = splitMasterSecret({
      masterSecret: new Uint8Array(32).fill(5),
      groups: [{ threshold: 2, count: 3 }],
    }) as [string[]];
    expect(long[0]!.split(' ')).toHaveLength(33);
    const page = await browser.newPage();
    await page.setContent(
      await renderShareCardHtml({ share: long[0]!, shareCount: 3, walletFingerprint: '0badcafe' }),
    );
    expect(await page.locator('ol li').count()).toBe(33);
    const pdf = Buffer.from(await page.pdf({ format: 'A5', landscape: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    await page.close();
  });

  it('refuses to print a card for a mistyped share', async () => {
    const words = SHARES[0]!.split(' ');
    words[5] = words[5] === 'academic' ? 'acid' : 'academic';
    await expect(
      renderShareCardHtml({ share: words.join(' '), shareCount: 3, walletFingerprint: '00000000' }),
    ).rejects.toMatchObject({
      code: 'SHARE_CHECKSUM',
    });
  });
});
