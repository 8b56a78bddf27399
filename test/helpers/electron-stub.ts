/**
 * A stand-in for the `electron` module that records what the adapter registers, so the adapter's
 * wiring is tested where the Electron binary cannot be installed. Only Electron is replaced; the
 * adapter and the handlers behind it are the real ones.
 */
type Listener = (...args: unknown[]) => unknown;

export interface ElectronRecord {
  schemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Map<string, Listener>;
  appListeners: Map<string, Listener>;
  windows: Array<{
    options: { show?: boolean; webPreferences: Record<string, unknown> };
    loaded: string[];
    printed: number;
    destroyed: boolean;
  }>;
  /** What the system print dialog answers next: printed, or the operator cancelled. */
  printAnswer: { success: boolean; failureReason: string };
  permissionHandler: Listener | null;
  beforeRequest: Listener | null;
  headersReceived: Listener | null;
  ready: () => void;
}

const readiness: { resolve: () => void } = { resolve: () => undefined };
const whenReady = new Promise<void>((resolve) => {
  readiness.resolve = resolve;
});

export const record: ElectronRecord = {
  schemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  appListeners: new Map(),
  windows: [],
  printAnswer: { success: true, failureReason: '' },
  permissionHandler: null,
  beforeRequest: null,
  headersReceived: null,
  ready: () => readiness.resolve(),
};
(globalThis as { __electronRecord?: ElectronRecord }).__electronRecord = record;

export const app = {
  isPackaged: true,
  whenReady: () => whenReady,
  getPath: () => process.env.AIRLOCK_TEST_USER_DATA ?? '',
  getVersion: () => '0.0.0-test',
  on: (event: string, listener: Listener) => record.appListeners.set(event, listener),
  quit: () => undefined,
  commandLine: { appendSwitch: () => undefined },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
    record.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => {
      record.permissionHandler = handler;
    },
    setPermissionCheckHandler: () => undefined,
    webRequest: {
      onBeforeRequest: (listener: Listener) => {
        record.beforeRequest = listener;
      },
      onHeadersReceived: (listener: Listener) => {
        record.headersReceived = listener;
      },
    },
  },
};

export const ipcMain = {
  handle: (channel: string, listener: Listener) => record.ipcHandlers.set(channel, listener),
};

export class BrowserWindow {
  readonly entry: ElectronRecord['windows'][number];
  readonly webContents = {
    on: () => undefined,
    closeDevTools: () => undefined,
    setWindowOpenHandler: () => undefined,
    print: (_options: unknown, callback: (success: boolean, failureReason: string) => void) => {
      this.entry.printed += 1;
      setImmediate(() => callback(record.printAnswer.success, record.printAnswer.failureReason));
    },
  };
  constructor(options: { show?: boolean; webPreferences: Record<string, unknown> }) {
    this.entry = { options, loaded: [], printed: 0, destroyed: false };
    record.windows.push(this.entry);
  }
  destroy(): void {
    this.entry.destroyed = true;
  }
  async loadURL(url: string): Promise<void> {
    this.entry.loaded.push(url);
  }
  once(): void {}
  show(): void {}
}

export const contextBridge = { exposeInMainWorld: () => undefined };
export const ipcRenderer = { invoke: async () => undefined };
