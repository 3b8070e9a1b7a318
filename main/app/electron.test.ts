import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, ipcChannel } from '../../shared/contract/channels.js';

// Electron's binary can't run on these machines, so this suite stands in for Electron's API (the
// one place Ferry's tests do) and checks what the desktop shell asks Electron for: the window's
// security settings, the CSP on every page, navigation and permission refusals, and the IPC binding.
const dir = mkdtempSync(join(tmpdir(), 'ferry-electron-'));
// The shell serves the built renderer; a stand-in page keeps this suite independent of `npm run build`.
const rendererRoot = join(dir, 'renderer');
mkdirSync(rendererRoot);
writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Ferry</title>');
process.env.FERRY_RENDERER_DIR = rendererRoot;
const seen = vi.hoisted(() => ({
  windowOptions: null as null | { webPreferences: Record<string, unknown> },
  protocolHandler: null as null | ((req: { url: string }) => Promise<Response>),
  contentsCreated: null as null | ((e: unknown, contents: unknown) => void),
  permission: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  ipc: new Map<string, (e: unknown, args: unknown) => unknown>(),
  loaded: null as null | string,
  loadedSignal: null as null | (() => void),
  errorBox: null as null | [string, string],
  exitCode: null as null | number,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      seen.windowOptions = options;
    }
    maximize(): void {}
    once(): void {}
    on(): void {}
    isDestroyed(): boolean {
      return false;
    }
    async loadURL(url: string): Promise<void> {
      seen.loaded = url;
      seen.loadedSignal?.();
    }
  }
  return {
    app: {
      setName: vi.fn(),
      whenReady: () => Promise.resolve(),
      getPath: () => dir,
      getPreferredSystemLanguages: () => ['it-IT'],
      getLocale: () => 'it',
      on: (event: string, fn: (e: unknown, contents: unknown) => void) => {
        if (event === 'web-contents-created') seen.contentsCreated = fn;
      },
      quit: vi.fn(),
      exit: (code: number) => (seen.exitCode = code),
    },
    dialog: { showErrorBox: (title: string, message: string) => (seen.errorBox = [title, message]) },
    BrowserWindow,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (_scheme: string, fn: (req: { url: string }) => Promise<Response>) => (seen.protocolHandler = fn),
    },
    session: { defaultSession: { setPermissionRequestHandler: (fn: typeof seen.permission) => (seen.permission = fn) } },
    shell: { openExternal: vi.fn() },
    // Stands in for DPAPI: reversible, and the bytes never hold the password.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(Buffer.from(`v10${s}`).map((b) => b ^ 0x5a)),
      decryptString: (b: Buffer) =>
        Buffer.from(b.map((x) => x ^ 0x5a))
          .toString()
          .slice(3),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    ipcMain: {
      handle: (channel: string, fn: (e: unknown, args: unknown) => unknown) => seen.ipc.set(channel, fn),
      removeHandler: (channel: string) => seen.ipc.delete(channel),
    },
  };
});

vi.mock('electron-store', () => ({
  default: class {
    get(): undefined {
      return undefined;
    }
    set(): void {}
  },
}));

beforeAll(async () => {
  const loaded = new Promise<void>((resolve) => (seen.loadedSignal = resolve));
  await import('./electron.js');
  await loaded;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Electron shell', () => {
  it('opens the console with context isolation and the sandbox on, Node integration off', () => {
    expect(seen.windowOptions?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(seen.windowOptions?.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(seen.loaded).toBe('app://ferry/index.html');
  });

  it('serves every page with a strict Content-Security-Policy and nothing outside the console', async () => {
    const page = await seen.protocolHandler?.({ url: 'app://ferry/index.html' });
    expect(page?.status).toBe(200);
    expect(await page?.text()).toContain('<title>Ferry</title>');
    const csp = page?.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/object-src 'none'/);
    expect((await seen.protocolHandler?.({ url: 'app://ferry/../package.json' }))?.status).toBe(404);
    expect((await seen.protocolHandler?.({ url: 'app://elsewhere/index.html' }))?.status).toBe(404);
    for (const bad of ['app://ferry/%', 'app://ferry/%zz', 'app://ferry/%E0%A4%A']) expect((await seen.protocolHandler?.({ url: bad }))?.status).toBe(404);
  });

  it('denies navigation away from the console and every new window', () => {
    let navigate: ((e: { preventDefault: () => void }, url: string) => void) | undefined;
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    seen.contentsCreated?.(
      {},
      {
        on: (event: string, fn: typeof navigate) => event === 'will-navigate' && (navigate = fn),
        setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      },
    );
    const away = { preventDefault: vi.fn() };
    navigate?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate?.(inside, 'app://ferry/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('refuses every permission request', () => {
    const cb = vi.fn();
    seen.permission?.({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('stores a remoting password only as safeStorage ciphertext: the database file never holds it in clear text', async () => {
    const password = 'Hunter2-Correct-Horse!';
    const set = seen.ipc.get(ipcChannel('connection.set'));
    const frame = { senderFrame: { url: 'app://ferry/index.html' } };
    const result = (await set?.(frame, {
      hostGroup: 'All Hosts/Torino',
      connector: 'hyperv',
      mode: 'winrm-https',
      identity: 'credentials',
      userName: 'CONTOSO\\hvadmin',
      password,
    })) as { ok: boolean; value: Record<string, unknown> };
    expect(result).toMatchObject({ ok: true, value: { hasPassword: true, userName: 'CONTOSO\\hvadmin', passwordStorage: { available: true } } });
    expect(JSON.stringify(result)).not.toContain(password);
    const get = seen.ipc.get(ipcChannel('connection.get'));
    expect(JSON.stringify(await get?.(frame, { hostGroup: 'All Hosts/Torino' }))).not.toContain(password);
    for (const file of ['ferry.db', 'ferry.db-wal', 'ferry.db-shm']) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      expect(bytes.includes(Buffer.from(password, 'utf8')), file).toBe(false);
      expect(bytes.includes(Buffer.from(password, 'utf16le')), file).toBe(false);
    }
  });

  it('binds exactly the contract to IPC, for the console page only', async () => {
    expect([...seen.ipc.keys()].sort()).toEqual(INVOKE_CHANNELS.map(ipcChannel).sort());
    const handler = seen.ipc.get(ipcChannel('app.info'));
    expect(await handler?.({ senderFrame: { url: 'app://ferry/index.html' } }, {})).toMatchObject({
      ok: true,
      value: { transport: 'electron', systemLocale: 'it-IT' },
    });
    expect(await handler?.({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("refuses another application's database with an error box naming the file, writes nothing to it, and exits", async () => {
    const foreign = join(dir, 'crm.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    const before = readFileSync(foreign);
    process.env.FERRY_DB = foreign;
    try {
      vi.resetModules();
      await import('./electron.js');
      await vi.waitFor(() => expect(seen.exitCode).toBe(1));
    } finally {
      delete process.env.FERRY_DB;
    }
    expect(seen.errorBox).toEqual([
      'Ferry could not open its database',
      `Ferry will not open ${foreign}: it holds tables that are not Ferry's (customers), so it is another application's database. Nothing was written to it; choose another file with --db (or FERRY_DB).`,
    ]);
    expect(readFileSync(foreign).equals(before)).toBe(true);
  });
});
