import type { BrowserContext, Page } from 'playwright-core';
import { CHANNEL_NAMES } from '../../src/ipc/channel-names';
import type { ApiHandlers } from '../api/handlers';

const bindingName = (channel: string) => `__airlock_${channel}`;

/** Page-side script: builds the same frozen `window.airlock` the Electron preload exposes. */
export function apiInitScript(): string {
  const entries = CHANNEL_NAMES.map(
    (name) => `${JSON.stringify(name)}: (request) => window[${JSON.stringify(bindingName(name))}](request)`,
  ).join(',\n  ');
  // window.open is denied as Electron's setWindowOpenHandler denies it.
  return `Object.defineProperty(window, 'open', { value: () => null, writable: false, configurable: false });
Object.defineProperty(window, 'airlock', {
  value: Object.freeze({
  ${entries}
  }),
  writable: false,
  configurable: false,
});`;
}

/** True for the URLs the app may load: its own origin, data: and blob:. Everything else is blocked. */
export function isAllowedBrowserUrl(url: string, origin: string): boolean {
  return url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:');
}

/**
 * Binds the main-side handlers into a plain Chromium page (the adapter used by `npm start` without
 * the Electron binary, and by the UI tests): one binding per channel, the same handlers as Electron.
 */
export async function bindApi(options: {
  context: BrowserContext;
  page: Page;
  handlers: ApiHandlers;
  origin: string;
}) {
  const { context, page, handlers, origin } = options;
  for (const name of CHANNEL_NAMES) {
    await page.exposeBinding(bindingName(name), (_source, request: unknown) => handlers[name](request));
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
