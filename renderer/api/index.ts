import type { Backend } from '../../shared/contract/backend.js';
import { createElectronBackend } from './electron-backend.js';
import { WebSocketBackend, defaultWebSocketUrl } from './websocket-backend.js';

/** The backend this page runs on: Electron's preload when present, else the headless host's WebSocket. */
export function createBackend(win: Window = window): Backend {
  if (win.ferry) return createElectronBackend(win.ferry);
  return new WebSocketBackend({ url: defaultWebSocketUrl(win.location) });
}
