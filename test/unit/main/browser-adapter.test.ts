import { describe, expect, it } from 'vitest';
import { apiInitScript, isAllowedBrowserUrl } from '../../../main/browser/bind';
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
});
