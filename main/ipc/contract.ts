// Every IPC channel between the dashboard window and main, with its argument and result types.
// The preload exposes one named function per channel; main validates arguments before a handler runs.
// Only desktop things cross: where the gateway listens, provider keys by name, the tray's profile, links.

import type { ProfileState } from '../admin-types';

export interface GatewayInfo {
  /** Where the gateway and dashboard listen, e.g. http://127.0.0.1:4747 */
  url: string;
  /** What clients point at, e.g. http://127.0.0.1:4747/v1 */
  endpoint: string;
  /** For the dashboard's admin API calls. */
  adminToken: string;
}

export interface IpcContract {
  'gateway:info': { args: []; result: GatewayInfo };
  'keys:list': { args: []; result: string[] };
  'keys:set': { args: [name: string, secret: string]; result: void };
  'keys:delete': { args: [name: string]; result: boolean };
  'profile:get': { args: []; result: ProfileState };
  'profile:set': { args: [name: string | null]; result: ProfileState };
  'shell:open-external': { args: [url: string]; result: boolean };
}

export type IpcChannel = keyof IpcContract;
export type IpcArgs<C extends IpcChannel> = IpcContract[C]['args'];
export type IpcResult<C extends IpcChannel> = IpcContract[C]['result'];

export const IPC_CHANNELS = [
  'gateway:info',
  'keys:list',
  'keys:set',
  'keys:delete',
  'profile:get',
  'profile:set',
  'shell:open-external',
] as const satisfies readonly IpcChannel[];

// Compile-time check that IPC_CHANNELS lists every channel of the contract.
type Missing = Exclude<IpcChannel, (typeof IPC_CHANNELS)[number]>;
const everyChannelListed: Missing extends never ? true : Missing = true;
void everyChannelListed;

export type { ProfileState };
