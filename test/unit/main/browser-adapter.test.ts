import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { apiInitScript, isAllowedBrowserUrl, isAppFrame } from '../../../main/browser/bind';
import { developmentBannerText } from '../../../main/browser/dev-banner';
import { chooseChromiumSandbox } from '../../../main/browser/sandbox';
import { resolveInRoot } from '../../../main/browser/server';
import { CHANNEL_NAMES } from '../../../src/ipc/channel-names';

describe('plain-Chromium adapter', () => {
  it('serves only files inside the renderer directory', () => {
    expect(resolveInRoot('/app/dist/renderer', '/')).toBe('/app/dist/renderer/index.html');
    expect(resolveInRoot('/app/dist/renderer', '/assets/index.js?v=1')).toBe(
      '/app/dist/renderer/assets/index.js',
    );
    expect(resolveInRoot('/app/dist/renderer', '/../../etc/passwd')).toBe('/app/dist/renderer/etc/passwd');
    expect(resolveInRoot('/app/dist/renderer', '/%2e%2e/%2e%2e/etc/passwd')).toBe(
      '/app/dist/renderer/etc/passwd',
    );
    expect(resolveInRoot('/app/dist/renderer', '/%E0%A4%A')).toBeNull();
  });

  it('allows only its own origin, data: and blob:', () => {
    const origin = 'http://127.0.0.1:4000/';
    expect(isAllowedBrowserUrl('http://127.0.0.1:4000/assets/a.js', origin)).toBe(true);
    expect(isAllowedBrowserUrl('blob:http://127.0.0.1:4000/uuid', origin)).toBe(true);
    expect(isAllowedBrowserUrl('http://127.0.0.1:4001/', origin)).toBe(false);
    expect(isAllowedBrowserUrl('https://example.com/', origin)).toBe(false);
  });

  it('builds window.airlock with exactly one function per channel, as the Electron preload does', () => {
    const script = apiInitScript();
    for (const name of CHANNEL_NAMES)
      expect(script).toContain(`"${name}": (request) => window["__airlock_${name}"](request)`);
    expect(script.match(/=> window\[/g)).toHaveLength(CHANNEL_NAMES.length);
  });

  it('hands the page each answer as main gave it, sent as JSON text', async () => {
    const answer = {
      ok: true,
      value: { walletName: 'treasury', inputs: [{ txid: 'ab', vout: 0, amount: null }] },
    };
    const window: Record<string, unknown> = {
      __airlock_getStatus: async (request: unknown) => JSON.stringify({ ...answer, request }),
    };
    runInNewContext(apiInitScript(), { window, JSON });
    const api = window.airlock as Record<string, (request: unknown) => Promise<unknown>>;
    expect(await api.getStatus!({ a: 1 })).toEqual({ ...answer, request: { a: 1 } });
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('lets only the main frame on the app origin call main (not a subframe, data:, blob: or another origin)', () => {
    const origin = 'http://127.0.0.1:41234/';
    const call = (frameUrl: string, isMainFrame = true) => isAppFrame({ frameUrl, isMainFrame, origin });
    expect(call('http://127.0.0.1:41234/index.html')).toBe(true);
    expect(call('http://127.0.0.1:41234/index.html', false)).toBe(false);
    expect(call('data:text/html,<p>x</p>')).toBe(false);
    expect(call('blob:http://127.0.0.1:41234/3f6c2a10-0000-4000-8000-000000000000')).toBe(false);
    expect(call('http://127.0.0.1:41235/index.html')).toBe(false);
    expect(call('about:blank')).toBe(false);
  });

  it('runs Chromium sandboxed unless root or the kernel rules it out, and says so in the banner', () => {
    const user = { uid: 1000, userNamespaces: true, setuidHelper: false };
    expect(chooseChromiumSandbox(user)).toEqual({ enabled: true, reason: null });
    expect(chooseChromiumSandbox({ ...user, userNamespaces: false, setuidHelper: true }).enabled).toBe(true);
    const root = chooseChromiumSandbox({ ...user, uid: 0 });
    expect(root.enabled).toBe(false);
    expect(root.reason).toMatch(/root.*--no-sandbox/);
    expect(chooseChromiumSandbox({ ...user, userNamespaces: false }).enabled).toBe(false);
    expect(developmentBannerText(root)).toMatch(
      /^Development fallback: .*not the hardened Electron app.*sandbox is off/,
    );
    expect(developmentBannerText(chooseChromiumSandbox(user))).toMatch(/sandbox is on/);
  });
});
