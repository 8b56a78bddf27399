import type { Browser } from 'playwright-core';
import type { CardPrinter } from '../api/context';

/**
 * The browser adapter's print surface: the card in a browser context of its own (no API bindings,
 * no storage shared with the app), with JavaScript disabled and every request refused. The
 * operator prints it from that window (Ctrl+P) and closes it; closing is the end of the print,
 * since the system dialog of a plain Chromium window cannot be observed from here.
 */
export function browserCardPrinter(browser: Browser): CardPrinter {
  return {
    async printHtml(html) {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: null });
      try {
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        await page.setContent(html);
        await page.waitForEvent('close', { timeout: 0 });
        return 'printed';
      } finally {
        await context.close();
      }
    },
  };
}
