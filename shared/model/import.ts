import type { InventoryCounts } from './inventory.js';

/** One problem found in an inventory file: where (record and field) and what is wrong. */
export interface ImportProblem {
  /** JSON path of the field, such as `hosts[3].memory.availableMB`; empty for the whole file. */
  path: string;
  message: string;
}

/** What an import wrote. */
export interface ImportSummary {
  origin: string;
  counts: InventoryCounts;
  jobId: string;
  durationMs: number;
}

/** Phases an import reports progress in. */
export type ImportPhase = 'reading' | 'parsing' | 'validating' | 'writing' | 'done' | 'failed';

/** Progress of an import, for the progress bar. */
export interface ImportProgress {
  phase: ImportPhase;
  /** 0..1 across the whole import. */
  fraction: number;
  fileName: string;
}
