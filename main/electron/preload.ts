import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, ipcChannel } from '../../src/ipc/channel-names';

/**
 * The whole bridge: one function per channel, each a single ipcRenderer.invoke. Nothing of
 * ipcRenderer itself is exposed, and main validates every request.
 */
const api = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request)]),
);

contextBridge.exposeInMainWorld('airlock', Object.freeze(api));
