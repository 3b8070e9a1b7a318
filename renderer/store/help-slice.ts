import type { AppLog } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** Help: the log viewer. */
export interface HelpSlice {
  /** Help > View log… is open. */
  logOpen: boolean;
  setLogOpen(open: boolean): void;
  /** Reads the log's path and its last lines (`app.log`). */
  readLog(lines?: number): Promise<Result<AppLog>>;
}

/** Creates the help slice. */
export const createHelpSlice: SliceCreator<HelpSlice> = (set, _get, backend) => ({
  logOpen: false,
  setLogOpen: (open) => set({ logOpen: open }),
  readLog: (lines = 200) => backend.invoke('app.log', { lines }),
});
