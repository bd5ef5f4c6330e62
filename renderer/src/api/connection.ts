// Finds the gateway and the admin token: from the Electron preload bridge when present, else the
// page's own origin with a token from the sign-in hash or screen (kept for this tab only).
import type { SwitchyardBridge as PreloadBridge } from '../../../main/preload';
import { readTokenFromHash } from '../lib/sign-in-hash';

/** `window.switchyard`, typed from the preload object itself so nothing is kept in sync by hand. */
export type SwitchyardBridge = PreloadBridge;

declare global {
  interface Window {
    switchyard?: SwitchyardBridge;
  }
}

export interface Connection {
  baseUrl: string;
  token: string;
  /** Desktop connections can't sign out: the bridge always knows the token. */
  source: 'bridge' | 'browser';
  bridge?: SwitchyardBridge;
}

const TOKEN_KEY = 'switchyard.adminToken';

/** Run once at start-up, before anything renders: strips a token from the address bar. */
export function absorbHashToken(): void {
  const { token, remainingHash } = readTokenFromHash(window.location.hash);
  if (!token) return;
  storeToken(token);
  const url = window.location.pathname + window.location.search + remainingHash;
  window.history.replaceState(null, '', url);
}

export async function resolveConnection(): Promise<Connection | null> {
  const bridge = window.switchyard;
  if (bridge && typeof bridge.getGatewayInfo === 'function') {
    const gateway = await bridge.getGatewayInfo();
    return { baseUrl: gateway.url, token: gateway.adminToken, source: 'bridge', bridge };
  }
  const token = readStoredToken();
  return token ? { baseUrl: '', token, source: 'browser' } : null;
}

export function storeToken(token: string): void {
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled; the token then lives only in memory for this page load.
    memoryToken = token;
  }
}

export function forgetToken(): void {
  memoryToken = null;
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored.
  }
}

let memoryToken: string | null = null;

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}
