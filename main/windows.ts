// The dashboard window: locked-down options, a strict CSP, and no way to navigate or open windows
// away from the local gateway. External http(s) links go to the user's browser; nothing else opens.

import type { BrowserWindowConstructorOptions } from 'electron';
import type { SessionLike, WebContentsLike } from './electron-api';

export function dashboardWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'Switchyard',
    show: false, // shown on ready-to-show, so there is no white flash
    autoHideMenuBar: true,
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** The Content-Security-Policy for everything the gateway serves to the window. */
export function dashboardCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Charts set inline style attributes; scripts stay strictly same-origin.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}

/** http(s) URLs only, normalised; anything else (file:, javascript:, custom schemes) is refused. */
export function externalLinkTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.username || parsed.password) return undefined; // user:pass@ URLs are a phishing vector
  return parsed.toString();
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

export interface GuardOptions {
  appOrigin: string;
  openExternal(url: string): void;
}

/** Denies window.open, navigation and redirects away from the app; hands http(s) links to the browser. */
export function guardWebContents(contents: WebContentsLike, options: GuardOptions): void {
  const sendOut = (url: string): void => {
    const target = externalLinkTarget(url);
    if (target && !isAppUrl(target, options.appOrigin)) options.openExternal(target);
  };
  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, options.appOrigin)) return;
    event.preventDefault();
    sendOut(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, options.appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Adds the CSP to the gateway's responses and refuses every permission prompt (camera, geolocation…). */
export function lockDownSession(session: SessionLike, appOrigin: string): void {
  const csp = dashboardCsp();
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, appOrigin)) return callback({});
    // Added beside any policy the server sends: browsers enforce every policy, so this only narrows.
    const headers = { ...(details.responseHeaders ?? {}) };
    const key = Object.keys(headers).find((name) => name.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
    headers[key] = [...(headers[key] ?? []), csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
