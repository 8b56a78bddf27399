import { createServer } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCardPrinter } from '../../../main/browser/print';
import { launchChromium } from '../../helpers/chromium';

/** The browser adapter's print surface, in Debian Chromium: what a card page can and cannot do. */
describe('browser adapter print surface', () => {
  let browser: Browser;
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('x');
  });
  let origin = '';

  beforeAll(async () => {
    browser = await launchChromium();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await browser?.close();
    server.close();
  });

  it('shows the document in its own context with no script running and no request leaving', async () => {
    const printing = browserCardPrinter(browser).printHtml(
      `<!doctype html><html><head><title>card</title></head><body><ol><li>academic</li></ol>
      <script>document.title = 'script ran'</script>
      <img src="${origin}/img"><link rel="stylesheet" href="${origin}/css"></body></html>`,
    );
    let card = null;
    for (let i = 0; i < 200 && !card; i++) {
      card = browser.contexts().flatMap((c) => c.pages())[0] ?? null;
      if (!card) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(card).not.toBeNull();
    await card?.locator('ol li').waitFor();
    expect(await card?.title()).toBe('card');
    expect(hits).toEqual([]);
    expect(browser.contexts()).toHaveLength(1);
    await card?.close();
    expect(await printing).toBe('printed');
    // The card's context is gone with it.
    expect(browser.contexts()).toHaveLength(0);
  });
});
