/**
 * The few Electron APIs the adapter uses. Electron is an optional dependency whose binary is not
 * installed on build machines, so its types are declared here; the bundle keeps `electron` external.
 */
declare module 'electron' {
  export interface Event {
    preventDefault(): void;
  }
  export interface IpcMainInvokeEvent {
    senderFrame: { url: string; parent: unknown } | null;
  }
  export interface WebContents {
    on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): void;
    on(event: 'will-attach-webview', listener: (event: Event) => void): void;
    on(event: 'devtools-opened', listener: () => void): void;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    closeDevTools(): void;
    print(
      options: { silent: boolean; printBackground: boolean },
      callback: (success: boolean, failureReason: string) => void,
    ): void;
  }
  export interface OnHeadersReceivedDetails {
    url: string;
    responseHeaders?: Record<string, string[]>;
  }
  export interface Session {
    setPermissionRequestHandler(
      handler: (
        webContents: WebContents,
        permission: string,
        callback: (granted: boolean) => void,
        details: { mediaTypes?: string[] },
      ) => void,
    ): void;
    setPermissionCheckHandler(
      handler: (webContents: WebContents | null, permission: string) => boolean,
    ): void;
    webRequest: {
      onBeforeRequest(
        listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
      ): void;
      onHeadersReceived(
        listener: (
          details: OnHeadersReceivedDetails,
          callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void,
      ): void;
    };
  }
  /** A window that shows one document and runs nothing: no preload, no JavaScript, no Node. */
  export interface ScriptlessWebPreferences {
    javascript: false;
    sandbox: true;
    contextIsolation: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    webviewTag: false;
    devTools: false;
    spellcheck: false;
    disableBlinkFeatures: 'Auxclick';
  }
  export class BrowserWindow {
    constructor(options: { show: false; webPreferences: ScriptlessWebPreferences });
    constructor(options: {
      width?: number;
      height?: number;
      title?: string;
      show?: boolean;
      backgroundColor?: string;
      webPreferences: {
        preload: string;
        contextIsolation: boolean;
        sandbox: boolean;
        nodeIntegration: boolean;
        nodeIntegrationInWorker: boolean;
        nodeIntegrationInSubFrames: boolean;
        webSecurity: boolean;
        allowRunningInsecureContent: boolean;
        experimentalFeatures: boolean;
        webviewTag: boolean;
        devTools: boolean;
        spellcheck: boolean;
        disableBlinkFeatures: string;
      };
    });
    webContents: WebContents;
    loadURL(url: string): Promise<void>;
    once(event: 'ready-to-show', listener: () => void): void;
    show(): void;
    destroy(): void;
  }
  export const app: {
    isPackaged: boolean;
    whenReady(): Promise<void>;
    getPath(name: 'userData'): string;
    getVersion(): string;
    on(event: 'window-all-closed', listener: () => void): void;
    on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): void;
    quit(): void;
    commandLine: { appendSwitch(name: string, value?: string): void };
  };
  export const session: { defaultSession: Session };
  export const protocol: {
    registerSchemesAsPrivileged(
      schemes: Array<{
        scheme: string;
        privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean };
      }>,
    ): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  export const ipcMain: {
    handle(
      channel: string,
      listener: (event: IpcMainInvokeEvent, request: unknown) => Promise<unknown>,
    ): void;
  };
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  export const ipcRenderer: { invoke(channel: string, request: unknown): Promise<unknown> };
}
