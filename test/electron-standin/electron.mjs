// What `import … from 'electron'` gives the main process under the Electron stand-in (test/electron-standin/
// hooks.mjs points the specifier here): the objects standin.ts built for the current test. NOT Electron.
const standin = globalThis.__ferryElectronStandin;
if (!standin) throw new Error('The Electron stand-in was imported before test/electron-standin/standin.ts set it up.');

// electron-store imports Electron's default export.
export default standin;
export const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } = standin;
