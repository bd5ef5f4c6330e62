// Arguments from the renderer are untrusted input: each channel's tuple is checked before its handler runs.

import { z } from 'zod';
import { isValidKeyName } from '../../proxy/keys/key-name';
import type { IpcArgs, IpcChannel } from './contract';

const keyName = z.string().refine(isValidKeyName, 'invalid key name');
const secret = z.string().min(1).max(64 * 1024);
const profileName = z.string().min(1).max(200).nullable();
const url = z.string().max(8 * 1024);

export const IPC_ARG_SCHEMAS: { [C in IpcChannel]: z.ZodType<IpcArgs<C>> } = {
  'gateway:info': z.tuple([]),
  'keys:list': z.tuple([]),
  'keys:set': z.tuple([keyName, secret]),
  'keys:delete': z.tuple([keyName]),
  'profile:get': z.tuple([]),
  'profile:set': z.tuple([profileName]),
  'shell:open-external': z.tuple([url]),
};

export class IpcArgumentError extends Error {
  constructor(channel: string, detail: string) {
    super(`invalid arguments for ${channel}: ${detail}`);
    this.name = 'IpcArgumentError';
  }
}

export function validateIpcArgs<C extends IpcChannel>(channel: C, args: unknown[]): IpcArgs<C> {
  const parsed = IPC_ARG_SCHEMAS[channel].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IpcArgumentError(channel, `${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'rejected'}`);
  }
  return parsed.data;
}
