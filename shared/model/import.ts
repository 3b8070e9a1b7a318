import type { Text } from '../i18n/text.js';
import type { InventoryCounts } from './inventory.js';

/** One problem found in an inventory file: where (record and field) and what is wrong. */
export interface ImportProblem {
  /** JSON path of the field, such as `hosts[3].memory.availableMB`; empty for the whole file. */
  path: string;
  /** In English, for the CLI and JSON. */
  message: string;
  /** The same sentence from the catalogue, which the console words in the admin's language. */
  text?: Text;
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
