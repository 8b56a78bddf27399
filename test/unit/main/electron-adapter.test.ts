import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/csp';
import { stageChange } from '../../../src/ceremony/changes';
import { acceptChanges } from '../../../src/ceremony/config-ceremony';
import { CHANNEL_NAMES, ipcChannel } from '../../../src/ipc/channel-names';
import { buildRenderer } from '../../helpers/app';
import { tempDir } from '../../helpers/cli';
import type { ElectronRecord } from '../../helpers/electron-stub';
import { seedOf, TEST_MNEMONICS } from '../../helpers/multisig-psbt';
import { shareIndices } from '../../helpers/shares';

/** The built Electron main process, run against a recording stand-in for the electron module. */
const SHARE =
  'duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision keyboard';

describe('Electron adapter wiring (built bundle)', () => {
  let record: ElectronRecord;

  beforeAll(async () => {
    const out = tempDir('airlock-electron-');
    await buildRenderer(join(out, 'renderer'));
    mkdirSync(join(out, 'main'));
    await build({
      entryPoints: ['main/electron/electron-main.ts'],
      outfile: join(out, 'main', 'electron-main.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      alias: { electron: resolve('test/helpers/electron-stub.ts') },
      logLevel: 'error',
    });
    const userData = tempDir();
    process.env.AIRLOCK_TEST_USER_DATA = userData;
    // This machine has a network link: a quorum sealed an override for it (the start flag alone would
    // only ask for one), so the key creation below is allowed.
    stageChange(userData, {
      kind: 'airgap',
      settings: { allowNetwork: true, reason: 'electron adapter test' },
    });
    acceptChanges({ dataDir: userData, withSeed: (use) => use(seedOf(TEST_MNEMONICS[0])) });
    process.argv.push('--allow-network', 'electron adapter test');
    await import(pathToFileURL(join(out, 'main', 'electron-main.mjs')).href);
    record = (globalThis as unknown as { __electronRecord: ElectronRecord }).__electronRecord;
    record.ready();
    await new Promise<void>((done) => {
      const check = () => (record.windows[0]?.loaded.length ? done() : setImmediate(check));
      check();
    });
  });

  it('opens one hardened window on the app scheme', () => {
    expect(record.windows).toHaveLength(1);
    expect(record.windows[0]?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(record.windows[0]?.loaded).toEqual(['app://airlock/index.html']);
    expect(record.appListeners.has('web-contents-created')).toBe(true);
    expect(record.permissionHandler).not.toBeNull();
    expect(record.beforeRequest).not.toBeNull();
  });

  it('registers one IPC handler per API call and nothing else', () => {
    expect([...record.ipcHandlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
  });

  it('answers the app page through the real handlers and refuses other senders', async () => {
    const getStatus = record.ipcHandlers.get(ipcChannel('getStatus'));
    expect(
      await getStatus?.({ senderFrame: { url: 'app://airlock/index.html', parent: null } }, {}),
    ).toMatchObject({
      ok: true,
      value: { appVersion: '0.0.0-test', stage: 'idle' },
    });
    const appFrame = { url: 'app://airlock/index.html', parent: null };
    for (const senderFrame of [
      { url: 'https://example.com/', parent: null },
      { url: 'data:text/html,<script>airlock.getStatus()</script>', parent: null },
      { url: 'blob:app://airlock/3f6c2a10-0000-4000-8000-000000000000', parent: null },
      { url: 'devtools://devtools/bundled/inspector.html', parent: null },
      { url: 'app://airlock/index.html', parent: appFrame },
      { url: 'app://airlock.evil/index.html', parent: null },
      null,
    ]) {
      expect(await getStatus?.({ senderFrame }, {}), senderFrame?.url ?? 'no frame').toMatchObject({
        ok: false,
        error: { code: 'FOREIGN_SENDER' },
      });
    }
    const scan = record.ipcHandlers.get(ipcChannel('scanFrame'));
    expect(
      await scan?.({ senderFrame: { url: 'app://airlock/index.html', parent: null } }, { text: 7 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('takes a share as the Uint16Array structured clone delivers, and zeroes it, from any sender', async () => {
    const addShare = record.ipcHandlers.get(ipcChannel('addShare'));
    // Electron's IPC is V8's structured clone: the indices arrive in main as a Uint16Array.
    const fromApp = structuredClone({ indices: shareIndices(SHARE) });
    expect(fromApp.indices).toBeInstanceOf(Uint16Array);
    const answer = await addShare?.(
      { senderFrame: { url: 'app://airlock/index.html', parent: null } },
      fromApp,
    );
    // The schema took it (no BAD_REQUEST); the ceremony refuses it for want of a transaction.
    expect(answer).toMatchObject({ ok: false, error: { code: 'NO_PSBT' } });
    expect(fromApp.indices.every((i) => i === 0)).toBe(true);
    const fromElsewhere = structuredClone({ indices: shareIndices(SHARE) });
    expect(
      await addShare?.({ senderFrame: { url: 'https://example.com/', parent: null } }, fromElsewhere),
    ).toMatchObject({ ok: false, error: { code: 'FOREIGN_SENDER' } });
    expect(fromElsewhere.indices.every((i) => i === 0)).toBe(true);
  });

  it('serves the renderer with the CSP header and nothing outside it', async () => {
    const serve = record.protocolHandlers.get('app');
    const index = await serve?.(new Request('app://airlock/index.html'));
    expect(index?.status).toBe(200);
    expect(index?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index?.text()).toContain('<div id="root">');
    const outside = await serve?.(new Request('app://airlock/../../../../etc/passwd'));
    expect(outside?.status).toBe(404);
    expect(outside?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('prints a share card from a hidden window with no preload and no JavaScript, then destroys it', async () => {
    const app = { senderFrame: { url: 'app://airlock/index.html', parent: null } };
    const invoke = (name: Parameters<typeof ipcChannel>[0], request: unknown) =>
      record.ipcHandlers.get(ipcChannel(name))?.(app, request) as Promise<{ ok: boolean; value?: unknown }>;
    const created = await invoke('createPartitionedKey', {
      groups: [{ threshold: 2, count: 2 }],
      strength: 128,
      network: 'testnet',
    });
    expect(created).toMatchObject({ ok: true });
    const fingerprint = (created.value as { fingerprint: string }).fingerprint;

    record.printAnswer = { success: false, failureReason: 'cancelled' };
    expect(await invoke('printShareCard', { group: 0, index: 0 })).toMatchObject({
      ok: false,
      error: { code: 'PRINT_CANCELLED' },
    });
    record.printAnswer = { success: true, failureReason: '' };
    expect(await invoke('printShareCard', { group: 0, index: 1 })).toMatchObject({
      ok: true,
      value: { groups: [{ printed: [false, true] }] },
    });

    const printWindows = record.windows.slice(1);
    expect(printWindows).toHaveLength(2);
    for (const window of printWindows) {
      expect(window.options.show).toBe(false);
      expect(window.options.webPreferences).toMatchObject({
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: false,
      });
      expect(window.options.webPreferences).not.toHaveProperty('preload');
      expect(window).toMatchObject({ printed: 1, destroyed: true });
      const [url] = window.loaded;
      expect(url).toMatch(/^data:text\/html;charset=utf-8,/);
      const card = decodeURIComponent(url?.slice(url.indexOf(',') + 1) ?? '');
      expect(card).toContain(`key fingerprint ${fingerprint}`);
      expect(card.match(/<li>[a-z]+<\/li>/g)).toHaveLength(20);
    }
    expect(decodeURIComponent(printWindows[1]?.loaded[0] ?? '')).toContain('Share 2 of 2, 2 needed');
    expect(await invoke('finishKeyCreation', { abandon: true })).toMatchObject({ ok: true });
  });
});
