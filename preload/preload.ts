import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, INVOKE_CHANNELS, IPC_EVENTS_CHANNEL, ipcChannel, type EventName, type InvokeChannel } from '../shared/contract/channels.js';

// Exposes exactly the contract as window.ferry: `invoke` for the request channels and `on` for the
// events, each refusing names outside the contract. No logic lives here.
contextBridge.exposeInMainWorld('ferry', {
  invoke: (channel: InvokeChannel, args: unknown) =>
    (INVOKE_CHANNELS as readonly string[]).includes(channel)
      ? ipcRenderer.invoke(ipcChannel(channel), args)
      : Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown request channel ${String(channel)}.` } }),
  on: (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}.`);
    const handler = (_e: unknown, batch: { name: string; payload: unknown }[]): void => {
      for (const item of batch) if (item.name === event) listener(item.payload);
    };
    ipcRenderer.on(IPC_EVENTS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS_CHANNEL, handler);
    };
  },
});
