import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { CHANNEL_NAMES, ipcChannel } from '../../src/ipc/channel-names';
import { createAirlockMain } from '../api/app';
import { airlockCore } from '../api/core';
import { zeroRequestBuffers } from '../api/handlers';
import { resolveInRoot } from '../browser/server';
import { contentTypeOf } from '../content-types';
import { electronCardPrinter } from './print';
import {
  APP_ORIGIN,
  APP_SCHEME,
  denyNavigation,
  isAppSender,
  permissionGranted,
  permissionHandler,
  requestFilter,
  windowOpenHandler,
  withSecurityHeaders,
} from './security';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '..', 'renderer');
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** app://airlock/… serves dist/renderer read-only, with the CSP header on every response. */
async function serveApp(request: Request): Promise<Response> {
  const path = resolveInRoot(rendererRoot, new URL(request.url).pathname);
  const body = path ? await readFile(path).catch(() => null) : null;
  const headers = Object.fromEntries(
    Object.entries(withSecurityHeaders()).map(([k, v]) => [k, v.join(', ')]),
  );
  if (!path || !body) return new Response('not found', { status: 404, headers });
  return new Response(body, {
    headers: { ...headers, 'Content-Type': contentTypeOf(path) },
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(permissionHandler);
  ses.setPermissionCheckHandler((_contents, permission) =>
    permissionGranted(permission, { mediaTypes: ['video'] }),
  );
  ses.webRequest.onBeforeRequest(requestFilter);
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) }),
  );
}

/** `--allow-network REASON` asks for an air-gap override; a quorum must accept it before it counts. */
function airgapOverrideFlag(argv: string[]): string | null {
  const at = argv.indexOf('--allow-network');
  return at >= 0 ? (argv[at + 1] ?? 'asked for at start') : null;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', denyNavigation);
  contents.on('will-redirect', denyNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler);
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(async () => {
  protocol.handle(APP_SCHEME, serveApp);
  hardenSession();
  const { handlers } = createAirlockMain({
    dataDir: app.getPath('userData'),
    core: airlockCore,
    appVersion: app.getVersion(),
    airgapOverride: airgapOverrideFlag(process.argv),
    printer: electronCardPrinter(),
  });
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, request) => {
      if (!isAppSender(event.senderFrame)) {
        zeroRequestBuffers(request);
        return {
          ok: false,
          error: { kind: 'refused', code: 'FOREIGN_SENDER', message: 'call from outside the app' },
        };
      }
      return handlers[name](request);
    });
  }
  const window = new BrowserWindow({
    width: 1280,
    height: 900,
    title: 'Airlock',
    show: false,
    backgroundColor: '#fafaf7',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: !app.isPackaged,
      spellcheck: false,
      // Middle-click would otherwise open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (app.isPackaged) window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
});
