import { MAX_IMPORT_LABEL } from '../../shared/contract/invoke.js';
import type { ImportProgress, ImportSummary } from '../../shared/model/import.js';
import type { ErrorDto } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** An import's life: reading the file, running in the backend, or failed (success returns to idle with a notice). */
export type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string; fraction: number }
  | { phase: 'running'; kind: 'file' | 'demo'; fileName: string; progress: ImportProgress | null }
  | { phase: 'failed'; fileName: string; error: ErrorDto };

/** The import in progress, and the actions that drive it. */
export interface ImportSlice {
  importState: ImportState;
  /** The file is being read in the renderer (0..1). */
  importReading(fileName: string, fraction: number): void;
  /** Reading the file failed before anything was sent. */
  importReadFailed(fileName: string, message: string): void;
  /** Sends the file's text to `inventory.import`. */
  importInventory(fileName: string, content: string): Promise<void>;
  /** A chosen file over the import limit, refused before it is read (`size` in bytes). */
  importTooLarge(fileName: string, size: number): void;
  /** Replaces the estate with the built-in demo (`inventory.loadDemo`). */
  loadDemo(): Promise<void>;
  /** An `import.progress` event. */
  receiveImportProgress(progress: ImportProgress): void;
  /** Closes the failure dialog. */
  dismissImport(): void;
}

/** Creates the import slice. */
export const createImportSlice: SliceCreator<ImportSlice> = (set, get, backend) => {
  const succeed = (kind: 'file' | 'demo', fileName: string, summary: ImportSummary) => {
    set({ importState: { phase: 'idle' } });
    const params = { vms: summary.counts.vms, hosts: summary.counts.hosts, fileName };
    get().pushNotice(
      kind === 'file'
        ? { intent: 'success', titleKey: 'import.succeededTitle', key: 'import.succeeded', params }
        : { intent: 'success', key: 'import.demoLoaded', params },
    );
  };

  return {
    importState: { phase: 'idle' },
    importReading: (fileName, fraction) => set({ importState: { phase: 'reading', fileName, fraction } }),
    importReadFailed: (fileName, message) => set({ importState: { phase: 'failed', fileName, error: { code: 'read-failed', message } } }),
    importTooLarge: (fileName, size) =>
      set({
        importState: {
          phase: 'failed',
          fileName,
          error: { code: 'too-large', message: `${fileName} is larger than the ${MAX_IMPORT_LABEL} Ferry imports.`, detail: { size } },
        },
      }),
    importInventory: async (fileName, content) => {
      set({ importState: { phase: 'running', kind: 'file', fileName, progress: null } });
      const result = await backend.invoke('inventory.import', { fileName, content });
      if (result.ok) succeed('file', fileName, result.value);
      else set({ importState: { phase: 'failed', fileName, error: result.error } });
    },
    loadDemo: async () => {
      set({ importState: { phase: 'running', kind: 'demo', fileName: '', progress: null } });
      const result = await backend.invoke('inventory.loadDemo', {});
      if (result.ok) succeed('demo', result.value.origin, result.value);
      else set({ importState: { phase: 'failed', fileName: '', error: result.error } });
    },
    receiveImportProgress: (progress) => {
      const state = get().importState;
      // Progress of an import someone else started (another window, the CLI) has no dialog here.
      if (state.phase !== 'running') return;
      if (state.kind === 'file' && progress.fileName && progress.fileName !== state.fileName) return;
      set({ importState: { ...state, progress } });
    },
    dismissImport: () => set({ importState: { phase: 'idle' } }),
  };
};
