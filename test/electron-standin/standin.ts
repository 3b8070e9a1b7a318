import type { Page } from '@playwright/test';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

// A STAND-IN FOR ELECTRON, not Electron: Electron's binary can't be downloaded on these machines, so the
// end-to-end tests run the desktop app's unchanged main process (dist/main/electron.mjs, with
// main/ipc/bind-ipc.ts) and preload (dist/main/preload.cjs) against the few Electron APIs they call,
// built on Playwright and Debian's Chromium:
// - BrowserWindow is the test's page; webContents.send is a page.evaluate that hands the batch to the
//   preload's ipcRenderer.on listeners;
// - protocol.handle('app') answers the page's requests: Chromium can't be routed for a custom scheme, so
//   app://ferry/* is served at STANDIN_ORIGIN/* (https, a secure context like app://) and mapped back;
// - the preload runs as an init script in every frame, with a `require('electron')` whose contextBridge
//   sets window[key] and whose ipcRenderer.invoke is an exposed binding that calls ipcMain.handle's
//   handler with the calling frame's URL (mapped back to app://ferry/…) as senderFrame.url.
// What it does not do: separate worlds (contextIsolation), sandboxing, will-navigate enforcement,
// safeStorage encryption (it answers unavailable), native menus and dialogs (recorded only).

/** Where the stand-in serves app://ferry. */
export const STANDIN_ORIGIN = 'https://ferry.electron-standin.invalid';
const APP_ORIGIN = 'app://ferry';

/** The page's URL for an app:// URL. */
export const toPageUrl = (url: string): string => (url.startsWith(`${APP_ORIGIN}/`) ? STANDIN_ORIGIN + url.slice(APP_ORIGIN.length) : url);
/** The app:// URL Electron would report for a page URL; other origins unchanged. */
export const toAppUrl = (url: string): string => (url.startsWith(`${STANDIN_ORIGIN}/`) ? APP_ORIGIN + url.slice(STANDIN_ORIGIN.length) : url);

type Handler = (event: unknown, args: unknown) => unknown;

/** What the stand-in saw the main process ask Electron for, for tests to check. */
export interface StandinRecord {
  windowOptions: { webPreferences?: Record<string, unknown> } | null;
  privilegedSchemes: unknown[];
  errorBox: [string, string] | null;
  exitCode: number | null;
  invokeChannels: () => string[];
}

/** The desktop app running on the stand-in: the console's URL in the page, what was recorded, and how to quit. */
export interface StandinApp {
  url: string;
  record: StandinRecord;
  /** Closes the window as a user does (window-all-closed), and waits until the app quit. */
  close: () => Promise<void>;
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

/** The preload as Electron's sandboxed preload runs it: CommonJS, with only `electron` to require. */
function preloadScript(source: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, args) => window.__electronStandinInvoke(channel, args),
    on: (channel, fn) => { listeners.set(channel, [...(listeners.get(channel) ?? []), fn]); return ipcRenderer; },
    removeListener: (channel, fn) => { listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)); return ipcRenderer; },
  };
  const contextBridge = { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true }) };
  Object.defineProperty(window, '__electronStandinSend', { value: (channel, args) => { for (const fn of listeners.get(channel) ?? []) fn({}, ...args); } });
  const require = (name) => { if (name === 'electron') return { contextBridge, ipcRenderer }; throw new Error('A sandboxed preload can require only electron, not ' + name); };
  const module = { exports: {} };
  (function (require, module, exports) {\n${source}\n})(require, module, module.exports);
})();`;
}

/** One start of the desktop app: its window's page, its folder, what it did. */
interface Launch {
  page: Page;
  userData: string;
  record: StandinRecord;
  handlers: Map<string, Handler>;
  protocolHandler: ((request: Request) => Promise<Response>) | null;
  events: { loaded: () => void; quit: () => void; exited: (e: Error) => void };
}

let current: Launch | null = null;
const launch = (): Launch => {
  if (!current) throw new Error('The Electron stand-in has no app running');
  return current;
};

/**
 * The Electron API objects the main process imports. ES modules keep the first import's bindings, so
 * these are made once per process and act on the current launch.
 */
function createElectron() {
  const app = Object.assign(new EventEmitter(), {
    setName: (): void => {},
    whenReady: (): Promise<void> => Promise.resolve(),
    getPath: (): string => launch().userData,
    getVersion: (): string => '0.0.0-standin',
    getPreferredSystemLanguages: (): string[] => ['en-US'],
    getLocale: (): string => 'en-US',
    quit: (): void => launch().events.quit(),
    exit: (code: number): void => {
      const { record, events } = launch();
      record.exitCode = code;
      events.exited(new Error(`The desktop app exited with ${code}${record.errorBox ? `: ${record.errorBox.join(': ')}` : ''}`));
    },
  });

  class WebContents extends EventEmitter {
    private readonly page = launch().page;
    windowOpenHandler: unknown = null;
    setWindowOpenHandler(fn: unknown): void {
      this.windowOpenHandler = fn;
    }
    /** Electron's webContents.send: the batch reaches the preload's ipcRenderer.on listeners, in the page. */
    send(channel: string, ...args: unknown[]): void {
      const page = this.page;
      if (page.isClosed()) return;
      page
        .evaluate(([c, a]) => (window as unknown as { __electronStandinSend?: (c: string, a: unknown[]) => void }).__electronStandinSend?.(c, a), [
          channel,
          args,
        ] as const)
        .catch(() => {});
    }
  }

  class BrowserWindow extends EventEmitter {
    readonly webContents = new WebContents();
    private readonly launch = launch();
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      super();
      this.launch.record.windowOptions = options;
      app.emit('web-contents-created', {}, this.webContents);
    }
    maximize(): void {}
    show(): void {}
    isMaximized(): boolean {
      return false;
    }
    getNormalBounds() {
      const size = this.launch.page.viewportSize() ?? { width: 1400, height: 900 };
      return { x: 0, y: 0, ...size };
    }
    isDestroyed(): boolean {
      return this.launch.page.isClosed();
    }
    async loadURL(url: string): Promise<void> {
      const { page, handlers, events } = this.launch;
      const context = page.context();
      const preload = String(this.options().webPreferences?.preload ?? '');
      await context.addInitScript(preloadScript(readFileSync(preload, 'utf8')));
      await context.exposeBinding('__electronStandinInvoke', async (source, channel: string, args: unknown) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return handler({ sender: this.webContents, senderFrame: { url: toAppUrl(source.frame.url()) } }, args);
      });
      await context.route(`${STANDIN_ORIGIN}/**`, async (route) => {
        const protocolHandler = this.launch.protocolHandler;
        if (!protocolHandler) return route.abort();
        const response = await protocolHandler(new Request(toAppUrl(route.request().url())));
        await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
      });
      await page.goto(toPageUrl(url));
      this.emit('ready-to-show');
      events.loaded();
    }
    private options(): { webPreferences?: Record<string, unknown> } {
      return this.launch.record.windowOptions ?? {};
    }
  }

  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, message: string) => (launch().record.errorBox = [title, message]) },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        const { handlers } = launch();
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => launch().handlers.delete(channel),
      on: () => {},
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (template: unknown) => template },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => launch().record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
        if (scheme === 'app') launch().protocolHandler = fn;
      },
    },
    // No operating-system key here: the stand-in offers no encryption, so passwords are refused, never faked.
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
      getSelectedStorageBackend: () => 'basic_text',
    },
    session: { defaultSession: { setPermissionRequestHandler: () => {} } },
    shell: { openExternal: async () => {}, openPath: async () => '' },
  };
}

let electron: ReturnType<typeof createElectron> | null = null;
let launches = 0;

/**
 * Starts the desktop app's main process (dist/main/electron.mjs, as `npm run build` made it) in this
 * process on the stand-in, with `page` as its window, on `databasePath`; answers once the window loaded.
 */
export async function launchDesktopApp(options: { page: Page; databasePath: string; userData: string }): Promise<StandinApp> {
  const record: StandinRecord = { windowOptions: null, privilegedSchemes: [], errorBox: null, exitCode: null, invokeChannels: () => [] };
  const loaded = deferred<void>();
  const quit = deferred<void>();
  if (current) throw new Error('The Electron stand-in runs one app at a time');
  const handlers = new Map<string, Handler>();
  record.invokeChannels = () => [...handlers.keys()];
  current = {
    page: options.page,
    userData: options.userData,
    record,
    handlers,
    protocolHandler: null,
    events: { loaded: () => loaded.resolve(), quit: () => quit.resolve(), exited: (e) => loaded.reject(e) },
  };
  if (!electron) {
    electron = createElectron();
    (globalThis as { __ferryElectronStandin?: unknown }).__ferryElectronStandin = electron;
    register(new URL('./hooks.mjs', import.meta.url));
  }
  // The previous start's listeners (its window-all-closed, its web-contents-created) went with its process.
  electron.app.removeAllListeners();
  const standin = electron;
  const savedDb = process.env.FERRY_DB;
  process.env.FERRY_DB = options.databasePath;
  try {
    // A fresh instance of the bundle per launch, as each Electron start is a fresh process.
    await import(`${pathToFileURL('dist/main/electron.mjs').href}?standin=${++launches}`);
    await loaded.promise;
  } catch (e) {
    current = null;
    throw e;
  } finally {
    if (savedDb === undefined) delete process.env.FERRY_DB;
    else process.env.FERRY_DB = savedDb;
  }
  return {
    url: toPageUrl(`${APP_ORIGIN}/index.html`),
    record,
    close: async () => {
      standin.app.emit('window-all-closed');
      await quit.promise;
      current = null;
    },
  };
}
