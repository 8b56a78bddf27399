import type { BrowserContext, Page } from 'playwright-core';
import { CHANNEL_NAMES } from '../../src/ipc/channel-names';
import { type ApiHandlers, zeroRequestBuffers } from '../api/handlers';

const bindingName = (channel: string) => `__airlock_${channel}`;

/** Page-side script: builds the same frozen `window.airlock` the Electron preload exposes. */
export function apiInitScript(): string {
  // Answers cross as JSON text (see bindApi), parsed with the JSON.parse the page started with.
  const entries = CHANNEL_NAMES.map(
    (name) =>
      `${JSON.stringify(name)}: (request) => window[${JSON.stringify(bindingName(name))}](request).then(parse)`,
  ).join(',\n  ');
  // window.open is denied as Electron's setWindowOpenHandler denies it.
  return `Object.defineProperty(window, 'open', { value: () => null, writable: false, configurable: false });
{
const parse = JSON.parse;
Object.defineProperty(window, 'airlock', {
  value: Object.freeze({
  ${entries}
  }),
  writable: false,
  configurable: false,
});
}`;
}

/** True for the URLs the app may load: its own origin, data: and blob:. Everything else is blocked. */
export function isAllowedBrowserUrl(url: string, origin: string): boolean {
  return url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:');
}

/** The Electron adapter's sender check, here: only the app's origin in the page's main frame may call. */
export function isAppFrame({
  frameUrl,
  isMainFrame,
  origin,
}: {
  frameUrl: string;
  isMainFrame: boolean;
  origin: string;
}): boolean {
  if (!isMainFrame) return false;
  try {
    const frame = new URL(frameUrl);
    const app = new URL(origin);
    // A blob: URL's origin is its creator's, so the scheme is compared as well.
    return frame.protocol === app.protocol && frame.origin === app.origin;
  } catch {
    return false;
  }
}

const FOREIGN_SENDER = {
  ok: false,
  error: { kind: 'refused', code: 'FOREIGN_SENDER', message: 'call from outside the app' },
} as const;

/**
 * Binds the main-side handlers into a plain Chromium page (the adapter used by `npm start` without
 * the Electron binary, and by the UI tests): one binding per channel, the same handlers as Electron.
 * Answers go as JSON text: every answer is plain JSON data (its zod schema says so), and the
 * binding's own serialisation of an object took a 500-input review 150-200 ms against 10-25 ms.
 */
export async function bindApi(options: {
  context: BrowserContext;
  page: Page;
  handlers: ApiHandlers;
  origin: string;
}) {
  const { context, page, handlers, origin } = options;
  for (const name of CHANNEL_NAMES) {
    await page.exposeBinding(bindingName(name), (source, request: unknown) => {
      const caller = { frameUrl: source.frame.url(), isMainFrame: source.frame === page.mainFrame(), origin };
      if (isAppFrame(caller)) return handlers[name](request).then((answer) => JSON.stringify(answer));
      zeroRequestBuffers(request);
      return JSON.stringify(FOREIGN_SENDER);
    });
  }
  await page.addInitScript({ content: apiInitScript() });
  // The web-request guard: nothing but the app's own origin is ever fetched. A foreign navigation
  // gets 204 No Content, which leaves the page where it is (Electron's will-navigate deny).
  await context.route('**/*', (route) => {
    const request = route.request();
    if (isAllowedBrowserUrl(request.url(), origin)) return route.continue();
    return request.isNavigationRequest() ? route.fulfill({ status: 204 }) : route.abort('blockedbyclient');
  });
  // New windows are closed at once, as Electron's window-open handler denies them.
  context.on('page', (opened) => {
    if (opened !== page) void opened.close();
  });
}
