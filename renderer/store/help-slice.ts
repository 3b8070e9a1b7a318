import type { AppLog } from '../../shared/contract/invoke.js';
import type { DoctorReport } from '../../shared/model/doctor.js';
import type { Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** Help: the log viewer and Diagnostics. */
export interface HelpSlice {
  /** Help > View log… is open. */
  logOpen: boolean;
  setLogOpen(open: boolean): void;
  /** Reads the log's path and its last lines (`app.log`). */
  readLog(lines?: number): Promise<Result<AppLog>>;
  /** Help > Diagnostics… is open. */
  diagnosticsOpen: boolean;
  setDiagnosticsOpen(open: boolean): void;
  /** Runs the checks of `ferry doctor` where the backend runs (`app.doctor`). */
  runDiagnostics(): Promise<Result<DoctorReport>>;
}

/** Creates the help slice. */
export const createHelpSlice: SliceCreator<HelpSlice> = (set, _get, backend) => ({
  logOpen: false,
  setLogOpen: (open) => set({ logOpen: open }),
  readLog: (lines = 200) => backend.invoke('app.log', { lines }),
  diagnosticsOpen: false,
  setDiagnosticsOpen: (open) => set({ diagnosticsOpen: open }),
  runDiagnostics: () => backend.invoke('app.doctor', {}),
});
