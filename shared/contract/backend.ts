import type { Result } from '../model/result.js';
import type { EventContract, EventName } from './events.js';
import type { InvokeArgs, InvokeChannel, InvokeResults } from './invoke.js';

/**
 * All the renderer knows of the backend. Electron's preload, the headless host's WebSocket and the
 * unit tests' fake each implement it; the renderer can't tell which one it runs on.
 */
export interface Backend {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs[C]): Promise<Result<InvokeResults[C]>>;
  on<E extends EventName>(event: E, listener: (payload: EventContract[E]) => void): () => void;
}

/** A request frame on a message transport (WebSocket). */
export interface RequestFrame {
  type: 'request';
  id: number;
  channel: string;
  args: unknown;
}

/** A response frame on a message transport. */
export interface ResponseFrame {
  type: 'response';
  id: number;
  result: Result<unknown>;
}

/** An event frame on a message transport; events are sent in batches. */
export interface EventFrame {
  type: 'events';
  events: { name: EventName; payload: unknown }[];
}
