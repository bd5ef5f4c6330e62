// The desktop's own secrets: a client key for local tools and the admin token for the dashboard.
// Created on first run and kept in the key store beside provider keys, under reserved names.

import { randomBytes } from 'node:crypto';
import type { KeyStore } from './key-store';

export const CLIENT_KEY_NAME = 'switchyard-client-key';
export const ADMIN_TOKEN_NAME = 'switchyard-admin-token';
const RESERVED = new Set([CLIENT_KEY_NAME, ADMIN_TOKEN_NAME]);

export interface DesktopCredentials {
  clientKey: string;
  adminToken: string;
  /** True when this run created them (first run). */
  created: boolean;
}

/** Names the dashboard may not list, overwrite or delete through the key bridge. */
export function isReservedKeyName(name: string): boolean {
  return RESERVED.has(name);
}

export async function ensureDesktopCredentials(
  store: KeyStore,
  generate: (bytes: number) => Buffer = randomBytes,
): Promise<DesktopCredentials> {
  let created = false;
  async function ensure(name: string, prefix: string, bytes: number): Promise<string> {
    const existing = await store.get(name);
    if (existing) return existing;
    const value = `${prefix}${generate(bytes).toString('base64url')}`;
    await store.set(name, value);
    created = true;
    return value;
  }
  const clientKey = await ensure(CLIENT_KEY_NAME, 'sy-local-', 24);
  const adminToken = await ensure(ADMIN_TOKEN_NAME, 'sy-admin-', 32);
  return { clientKey, adminToken, created };
}
