// The dashboard's bridge to main: one named function per IPC channel, nothing generic.
// It runs sandboxed, where require() reaches only `electron`: import nothing else except types.

import { contextBridge, ipcRenderer } from 'electron';
import type { IpcArgs, IpcChannel, IpcResult } from './ipc/contract';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>;
}

const bridge = {
  /** Where the local gateway listens, and the admin token for its API. */
  getGatewayInfo: () => invoke('gateway:info'),
  /** Names of stored provider keys; values never come back. */
  listKeys: () => invoke('keys:list'),
  setKey: (name: string, secret: string) => invoke('keys:set', name, secret),
  deleteKey: (name: string) => invoke('keys:delete', name),
  /** The routing profile the tray shows; switching here updates the tray at once. */
  getTrayProfile: () => invoke('profile:get'),
  setTrayProfile: (name: string | null) => invoke('profile:set', name),
  /** Opens an http(s) link in the user's browser; resolves false for any other URL. */
  openExternal: (url: string) => invoke('shell:open-external', url),
};

contextBridge.exposeInMainWorld('switchyard', bridge);

/** The renderer types `window.switchyard` from this, so nothing is kept in sync by hand. */
export type SwitchyardBridge = typeof bridge;
