import type { Backend } from '../../shared/contract/backend.js';
import type { EventContract, EventName } from '../../shared/contract/events.js';
import type { InvokeArgs, InvokeChannel, InvokeResults } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/model/result.js';

declare global {
  interface Window {
    /** The contract, as Electron's preload exposes it through contextBridge. */
    ferry?: Backend;
  }
}

/**
 * `Backend` over the preload's `window.ferry`. IPC should answer errors as values; a rejected
 * promise (a bug on the other side) becomes an `ipc-failed` error rather than an exception.
 */
export function createElectronBackend(ferry: Backend): Backend {
  return {
    async invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs[C]): Promise<Result<InvokeResults[C]>> {
      try {
        return await ferry.invoke(channel, args);
      } catch (error) {
        return { ok: false, error: { code: 'ipc-failed', message: `The request ${channel} failed: ${String(error)}` } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventContract[E]) => void): () => void {
      return ferry.on(event, listener);
    },
  };
}
