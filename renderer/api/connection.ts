import type { Backend } from '../../shared/contract/backend.js';

/** The state of the link to the backend, as the status bar shows it. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** A backend that can also tell when its link drops and comes back (the WebSocket one can). */
export interface ConnectionAware {
  /** Calls `listener` on every change of the link; returns an unsubscribe. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** Tells whether a backend reports its connection state. */
export function isConnectionAware(backend: Backend): backend is Backend & ConnectionAware {
  return typeof (backend as Partial<ConnectionAware>).onConnectionChange === 'function';
}
