// Registers the handler map on ipcMain: only our dashboard window may call, and only with valid arguments.

import type { IpcMainInvokeEventLike, IpcMainLike } from '../electron-api';
import { isAppUrl } from '../windows';
import { IPC_CHANNELS, type IpcChannel } from './contract';
import { IPC_HANDLERS, type IpcDeps, type IpcHandlers } from './ipc-handlers';
import { validateIpcArgs } from './validate-ipc-args';

export type SenderCheck = (event: IpcMainInvokeEventLike) => boolean;

/** Trusts a call only from the dashboard window's own web contents, showing a page of the gateway. */
export function createSenderCheck(dashboardContentsId: () => number | undefined, appOrigin: string): SenderCheck {
  return (event) => {
    const id = dashboardContentsId();
    return id !== undefined && event.sender.id === id && event.senderFrame !== null && isAppUrl(event.senderFrame.url, appOrigin);
  };
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  deps: IpcDeps,
  isTrustedSender: SenderCheck,
  handlers: IpcHandlers = IPC_HANDLERS,
): () => void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => invokeHandler(channel, handlers, deps, isTrustedSender, event, args));
  }
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}

async function invokeHandler<C extends IpcChannel>(
  channel: C,
  handlers: IpcHandlers,
  deps: IpcDeps,
  isTrustedSender: SenderCheck,
  event: IpcMainInvokeEventLike,
  args: unknown[],
): Promise<unknown> {
  if (!isTrustedSender(event)) throw new Error(`${channel}: refused, the caller is not the Switchyard dashboard`);
  const handler = handlers[channel] as (deps: IpcDeps, args: unknown) => Promise<unknown>;
  return handler(deps, validateIpcArgs(channel, args));
}
