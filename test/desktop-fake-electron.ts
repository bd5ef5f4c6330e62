// A small stand-in for the parts of `electron` the desktop shell uses (main/electron-api.ts), recording
// what the app did so tests can assert it and drive it (clicks, events, IPC calls) under plain Node.

import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import type {
  AppLike,
  BrowserWindowLike,
  ElectronApi,
  IpcMainInvokeEventLike,
  IpcMainLike,
  NativeMenuLike,
  NotificationLike,
  SessionLike,
  TrayLike,
  WebContentsLike,
} from '../main/electron-api';

type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export function preventable(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = { defaultPrevented: false, preventDefault: () => { event.defaultPrevented = true; } };
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter implements WebContentsLike {
  readonly id = nextContentsId++;
  openHandler?: (details: { url: string }) => { action: 'deny' } | { action: 'allow' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.openHandler = handler;
  }
}

export class FakeBrowserWindow extends Emitter implements BrowserWindowLike {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl?: string;
  visible = false;
  destroyed = false;
  minimized = false;
  focused = 0;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  focus(): void { this.focused++; }
  isVisible(): boolean { return this.visible; }
  isMinimized(): boolean { return this.minimized; }
  restore(): void { this.minimized = false; }
  isDestroyed(): boolean { return this.destroyed; }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  /** What a user clicking the close button does. */
  userClose(): boolean {
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
    return !event.defaultPrevented;
  }
}

export class FakeTray extends Emitter implements TrayLike {
  static all: FakeTray[] = [];
  image: string;
  images: string[] = [];
  toolTip = '';
  title = '';
  menu: FakeMenu | null = null;
  menuBuilds = 0;
  destroyed = false;
  constructor(image: string) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }
  setImage(image: string): void { this.image = image; this.images.push(image); }
  setToolTip(toolTip: string): void { this.toolTip = toolTip; }
  setTitle(title: string): void { this.title = title; }
  setContextMenu(menu: NativeMenuLike | null): void {
    this.menu = menu as FakeMenu | null;
    this.menuBuilds++;
  }
  destroy(): void { this.destroyed = true; }
  /** Clicks the menu item with this label, as a user would. */
  click(label: string): void {
    const item = this.menu?.items.find((i) => i.label === label);
    if (!item) throw new Error(`no tray menu item "${label}" in ${JSON.stringify(this.menu?.items.map((i) => i.label))}`);
    if (item.enabled === false) throw new Error(`tray menu item "${label}" is disabled`);
    (item.click as (() => void) | undefined)?.();
  }
}

export class FakeMenu implements NativeMenuLike {
  constructor(readonly items: MenuItemConstructorOptions[]) {}
}

export class FakeNotification extends Emitter implements NotificationLike {
  static shown: NotificationConstructorOptions[] = [];
  static supported = true;
  static isSupported(): boolean { return FakeNotification.supported; }
  constructor(readonly options: NotificationConstructorOptions) { super(); }
  show(): void { FakeNotification.shown.push(this.options); }
}

export class FakeApp extends Emitter implements AppLike {
  lockAvailable = true;
  quitCalls = 0;
  exitCode?: number;
  loginItem = { openAtLogin: false };
  constructor(readonly userData: string) { super(); }
  requestSingleInstanceLock(): boolean { return this.lockAvailable; }
  async whenReady(): Promise<void> {}
  getPath(): string { return this.userData; }
  getLoginItemSettings(): { openAtLogin: boolean } { return { ...this.loginItem }; }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void { this.loginItem.openAtLogin = settings.openAtLogin; }
  quit(): void {
    this.quitCalls++;
    const event = preventable();
    this.emit('before-quit', event);
  }
  exit(code?: number): void { this.exitCode = code ?? 0; }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void { this.handlers.delete(channel); }
  /** What ipcRenderer.invoke from a frame at `url` in web contents `senderId` does. */
  async invoke(channel: string, sender: { id: number; url: string | null }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: { id: sender.id }, senderFrame: sender.url === null ? null : { url: sender.url } }, ...args);
  }
}

export class FakeSession implements SessionLike {
  headerListener?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  permissionHandler?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
  webRequest = { onHeadersReceived: (listener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0]) => { this.headerListener = listener; } };
  setPermissionRequestHandler(handler: Parameters<SessionLike['setPermissionRequestHandler']>[0]): void { this.permissionHandler = handler; }
}

export interface FakeElectron extends ElectronApi {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  session: { defaultSession: FakeSession };
  clipboardText: string[];
  opened: string[];
}

export function createFakeElectron(userData: string): FakeElectron {
  FakeBrowserWindow.all = [];
  FakeTray.all = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  const clipboardText: string[] = [];
  const opened: string[] = [];
  return {
    app: new FakeApp(userData),
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
    Notification: FakeNotification,
    shell: { openExternal: async (url) => void opened.push(url) },
    clipboard: { writeText: (text) => void clipboardText.push(text) },
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    clipboardText,
    opened,
  };
}
