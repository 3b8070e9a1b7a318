import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, IPC_EVENTS_CHANNEL, ipcChannel } from '../../shared/contract/channels.js';
import { err } from '../../shared/model/result.js';
import { dispatch, type Handlers } from '../services/app-services.js';
import type { EventHub } from '../services/event-hub.js';

/**
 * Binds the contract to Electron: one `ipcMain.handle` per request channel (the only place that
 * touches ipcMain), and event batches to the window. Requests from any frame other than the app's
 * own page are refused.
 */
export function bindIpc(handlers: Handlers, hub: EventHub, window: BrowserWindow, appOrigin: string): () => void {
  // Node's URL gives custom schemes the origin "null", so the page is recognised by its prefix.
  const trusted = (e: IpcMainInvokeEvent): boolean => (e.senderFrame?.url ?? '').startsWith(`${appOrigin}/`);
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (e, args: unknown) =>
      trusted(e) ? dispatch(handlers, channel, args) : err('forbidden', 'Requests are accepted only from the Ferry console page.'),
    );
  }
  const unsubscribe = hub.subscribe((events) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS_CHANNEL, events);
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(ipcChannel(channel));
  };
}
