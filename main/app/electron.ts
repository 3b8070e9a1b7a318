import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session, shell } from 'electron';
import Store from 'electron-store';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseRefusedError } from '../infra/db/database-check.js';
import { SqliteBindingError } from '../infra/db/sqlite-binding.js';
import { bindIpc } from '../ipc/bind-ipc.js';
import { contentSecurityPolicy } from '../server/headless-host.js';
import { createAppServices, createHandlers } from '../services/app-services.js';
import { safeStorageSecretStore } from './electron-secret-store.js';
import { rendererDir } from './serve.js';

// The desktop app's composition root: one window over the same services as the headless host,
// with the renderer sandboxed and served from a private app:// origin under a strict CSP.

const APP_ORIGIN = 'app://ferry';
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

app.setName('Ferry');
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const argDb = (() => {
  const i = process.argv.indexOf('--db');
  return i !== -1 ? process.argv[i + 1] : undefined;
})();

interface WindowState {
  bounds?: { x: number; y: number; width: number; height: number };
  maximized?: boolean;
}

async function main(): Promise<void> {
  await app.whenReady();
  const databasePath = argDb ?? process.env.FERRY_DB ?? join(app.getPath('userData'), 'ferry.db');
  // Remoting passwords are encrypted with safeStorage (DPAPI on Windows) before they reach SQLite.
  const services = await createAppServices({ databasePath, seedDemo: true, runner: 'app', secretStore: safeStorageSecretStore(safeStorage) });
  const systemLocale = app.getPreferredSystemLanguages()[0] ?? app.getLocale();
  const handlers = createHandlers(services, { transport: 'electron', systemLocale });
  const root = rendererDir();
  const csp = contentSecurityPolicy('');

  protocol.handle('app', async (request) => {
    const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Security-Policy': csp } });
    try {
      // Inside the try: a malformed percent-escape (`app://ferry/%zz`) is a 404, not a rejected handler.
      const url = new URL(request.url);
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = normalize(join(root, rel));
      if (url.host !== 'ferry' || !file.startsWith(normalize(root) + sep)) return notFound();
      const body = await readFile(file);
      return new Response(body, { headers: { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp } });
    } catch {
      return notFound();
    }
  });

  // Ferry never needs the camera, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const store = new Store<WindowState>({ name: 'window-state' });
  const saved = store.get('bounds');
  const window = new BrowserWindow({
    width: saved?.width ?? 1400,
    height: saved?.height ?? 900,
    x: saved?.x,
    y: saved?.y,
    minWidth: 960,
    minHeight: 600,
    title: 'Ferry',
    icon: fileURLToPath(new URL('../../resources/icons/ferry.png', import.meta.url)),
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (store.get('maximized')) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    store.set('bounds', window.getNormalBounds());
    store.set('maximized', window.isMaximized());
  });
  const unbind = bindIpc(handlers, services.hub, window, APP_ORIGIN);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      {
        label: 'View',
        submenu: [
          { role: 'reload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      },
      { role: 'windowMenu' },
    ]),
  );
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('window-all-closed', () => {
    unbind();
    void services.close().then(() => app.quit());
  });
}

main().catch((e: unknown) => {
  // A database Ferry refuses (another application's, damaged) is the admin's to fix: say which and why.
  if (e instanceof DatabaseRefusedError) {
    console.error(e.message);
    dialog.showErrorBox('Ferry could not open its database', e.message);
  } else if (e instanceof SqliteBindingError) {
    // SQLite built for another runtime (or none): say which file and the command that fetches the right one.
    console.error(`${e.message} Fix: ${e.fix}`);
    dialog.showErrorBox('Ferry could not open its database', `${e.message}\n\nTo fix it: ${e.fix}`);
  } else console.error('Ferry could not start:', e);
  app.exit(1);
});
