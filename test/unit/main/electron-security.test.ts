import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/csp';
import {
  denyNavigation,
  isAllowedUrl,
  permissionGranted,
  permissionHandler,
  requestFilter,
  windowOpenHandler,
  withSecurityHeaders,
} from '../../../main/electron/security';

describe('Electron adapter guards', () => {
  it('allows only the app origin, data: and blob: URLs', () => {
    expect(isAllowedUrl('app://airlock/index.html')).toBe(true);
    expect(isAllowedUrl('app://airlock/assets/index-abc.js')).toBe(true);
    expect(isAllowedUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedUrl('blob:app://airlock/0b9c')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'app://evil/index.html',
      'file:///etc/passwd',
      'ws://localhost/',
      'not a url',
    ]) {
      expect(isAllowedUrl(url), url).toBe(false);
    }
  });

  it('cancels every request to a non-local URL', () => {
    const decisions: boolean[] = [];
    requestFilter({ url: 'https://example.com/x.js' }, (r) => decisions.push(r.cancel));
    requestFilter({ url: 'app://airlock/index.html' }, (r) => decisions.push(r.cancel));
    expect(decisions).toEqual([true, false]);
  });

  it('prevents every navigation and denies every new window', () => {
    let prevented = 0;
    denyNavigation({ preventDefault: () => prevented++ }, 'app://airlock/other.html');
    denyNavigation({ preventDefault: () => prevented++ }, 'https://example.com/');
    expect(prevented).toBe(2);
    expect(windowOpenHandler({ url: 'app://airlock/index.html' })).toEqual({ action: 'deny' });
  });

  it('grants the camera and nothing else', () => {
    const asked: boolean[] = [];
    permissionHandler(null, 'media', (g) => asked.push(g), { mediaTypes: ['video'] });
    permissionHandler(null, 'media', (g) => asked.push(g), { mediaTypes: ['audio'] });
    permissionHandler(null, 'media', (g) => asked.push(g), { mediaTypes: ['video', 'audio'] });
    permissionHandler(null, 'geolocation', (g) => asked.push(g), {});
    permissionHandler(null, 'notifications', (g) => asked.push(g), {});
    expect(asked).toEqual([true, false, false, false, false]);
    expect(permissionGranted('media', {})).toBe(false);
  });

  it('replaces any CSP header with the app policy', () => {
    const headers = withSecurityHeaders({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('creates its window with the hardened web preferences', () => {
    const source = readFileSync('main/electron/electron-main.ts', 'utf8');
    for (const setting of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webSecurity: true',
      'webviewTag: false',
      'allowRunningInsecureContent: false',
      'devTools: !app.isPackaged',
    ]) {
      expect(source).toContain(setting);
    }
  });
});
