import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { CHANNEL_NAMES } from '../../src/ipc/channel-names';
import { buildRenderer, type OpenApp, openApp } from '../helpers/app';
import { tempDir } from '../helpers/cli';

describe('app security in Chromium through the browser adapter', () => {
  let app: OpenApp;
  const responses: Response[] = [];

  beforeAll(async () => {
    const rendererDir = await buildRenderer(tempDir('airlock-renderer-'));
    app = await openApp({ rendererDir });
    app.page.on('response', (r) => responses.push(r));
    await app.page.reload();
    await app.page.waitForSelector('[data-screen="home"]');
  });
  afterAll(async () => app?.close());

  it('sends the CSP header with frame-ancestors on every response, including errors', async () => {
    const origin = new URL(app.page.url()).origin;
    const missing = await app.page.request.get(`${origin}/no-such-file.js`);
    expect(missing.status()).toBe(404);
    const all = [
      ...responses.map((r) => ({ url: r.url(), headers: r.headers() })),
      { url: missing.url(), headers: missing.headers() },
    ];
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const { url, headers } of all) {
      expect(headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    // Scripts only from the app; WebAssembly (the QR decoder) may be compiled, but no eval, no inline.
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    const meta = await app.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });

  it('enforces the CSP: an injected inline script does not run', async () => {
    const ran = await app.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
  });

  it('has no Node globals in the renderer', async () => {
    const kinds = await app.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return ['process', 'require', 'module', 'Buffer', 'global'].map((n) => typeof w[n]);
    });
    expect(kinds).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('exposes window.airlock frozen and read-only', async () => {
    const result = await app.page.evaluate(() => {
      const w = window as unknown as { airlock: Record<string, unknown> };
      const frozen = Object.isFrozen(w.airlock);
      try {
        w.airlock = {};
      } catch {
        // strict-mode assignment to a read-only property throws; either way it must not change
      }
      return { frozen, same: Object.isFrozen(w.airlock), keys: Object.keys(w.airlock).length };
    });
    expect(result).toEqual({ frozen: true, same: true, keys: CHANNEL_NAMES.length });
  });

  it('rejects malformed IPC messages sent from the page', async () => {
    const results = await app.page.evaluate(async () => {
      const api = (window as unknown as { airlock: Record<string, (r: unknown) => Promise<unknown>> })
        .airlock;
      return Promise.all([
        api.scanFrame?.({ text: 5 }),
        api.approve?.({ name: 'x', pin: '1', code: 'abc' }),
        api.getStatus?.({ extra: 'field' }),
        api.addShare?.('not an object'),
      ]);
    });
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('blocks navigation away from the app and every non-local request', async () => {
    const start = app.page.url();
    const attempted = app.page.waitForRequest('https://example.com/');
    await app.page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await (await attempted).response();
    expect(app.page.url()).toBe(start);
    expect(await app.page.locator('[data-screen="home"]').count()).toBe(1);
    const fetched = await app.page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'fetched',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
  });

  it('denies window.open', async () => {
    expect(await app.page.evaluate(() => window.open('https://example.com/', '_blank'))).toBeNull();
    expect(app.page.context().pages()).toHaveLength(1);
  });
});
