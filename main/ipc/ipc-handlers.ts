// One plain function per IPC channel: (deps, args) => result. Registered by register-ipc.ts,
// tested under Node with fake deps. Secrets go in, names come out; no value is ever read back.

import type { KeyStore } from '../../proxy/keys/key-store';
import type { AdminClient } from '../admin-client';
import type { ProfileState } from '../admin-types';
import { isReservedKeyName } from '../../proxy/keys/desktop-credentials';
import { externalLinkTarget } from '../windows';
import type { GatewayInfo, IpcArgs, IpcChannel, IpcResult } from './contract';

export interface IpcDeps {
  /** Undefined until the gateway is listening. */
  gatewayInfo(): GatewayInfo | undefined;
  adminClient(): AdminClient | undefined;
  keyStore: KeyStore;
  openExternal(url: string): Promise<void>;
  /** Lets the tray follow a profile switched from the dashboard at once. */
  onProfileChanged(profile: ProfileState): void;
  /** A provider key was stored or removed: the gateway re-reads its config to pick it up. */
  onKeysChanged(): Promise<void>;
}

export type IpcHandler<C extends IpcChannel> = (deps: IpcDeps, args: IpcArgs<C>) => Promise<IpcResult<C>>;
export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

function requireGateway(deps: IpcDeps): { info: GatewayInfo; admin: AdminClient } {
  const info = deps.gatewayInfo();
  const admin = deps.adminClient();
  if (!info || !admin) throw new Error('the gateway is still starting');
  return { info, admin };
}

function refuseReserved(name: string): void {
  if (isReservedKeyName(name)) throw new Error(`${name} is managed by Switchyard itself`);
}

export const IPC_HANDLERS: IpcHandlers = {
  'gateway:info': async (deps) => requireGateway(deps).info,
  'keys:list': async (deps) => (await deps.keyStore.list()).filter((name) => !isReservedKeyName(name)),
  'keys:set': async (deps, [name, secret]) => {
    refuseReserved(name);
    await deps.keyStore.set(name, secret);
    await deps.onKeysChanged();
  },
  'keys:delete': async (deps, [name]) => {
    refuseReserved(name);
    const deleted = await deps.keyStore.delete(name);
    if (deleted) await deps.onKeysChanged();
    return deleted;
  },
  'profile:get': async (deps) => requireGateway(deps).admin.getProfile(),
  'profile:set': async (deps, [name]) => {
    const profile = await requireGateway(deps).admin.setProfile(name);
    deps.onProfileChanged(profile);
    return profile;
  },
  'shell:open-external': async (deps, [url]) => {
    const target = externalLinkTarget(url);
    if (!target) return false;
    await deps.openExternal(target);
    return true;
  },
};
