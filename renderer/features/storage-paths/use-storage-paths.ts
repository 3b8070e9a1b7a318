import type { PathCheck } from '../../../shared/model/placement.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { useDebouncedValue } from '../../components/use-debounced-value.js';
import { useRequest } from '../../components/use-request.js';
import { useAppStore } from '../../store/store-context.js';

/** How long typing must pause before a path is checked. */
export const PATH_CHECK_DELAY_MS = 150;

/** The backend's verdict on the path in a field, as the admin types. */
export interface PathCheckState {
  /** The path as typed, trimmed. */
  path: string;
  /** The verdict on exactly `path`; null while empty, pending or failed. */
  check: PathCheck | null;
  /** Typing has not settled yet, or the answer has not come. */
  pending: boolean;
  /** The request itself failed (not a refused path). */
  error: ErrorDto | null;
}

/** Checks `path` on `host` with `storage.checkPath`, debounced, dropping answers for older text. */
export function usePathCheck(host: string | null, path: string): PathCheckState {
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const trimmed = path.trim();
  const settled = useDebouncedValue(trimmed, PATH_CHECK_DELAY_MS);
  const key = host !== null && settled !== '' ? JSON.stringify([host, settled]) : null;
  const request = useRequest(key, () => wizardRequest('storage.checkPath', { host: host ?? '', path: settled }));
  const answered = settled === trimmed && key !== null && request.resultKey === key && request.result !== null;
  const result = answered ? request.result : null;
  return {
    path: trimmed,
    check: result?.ok ? result.value : null,
    pending: trimmed !== '' && !answered,
    error: result && !result.ok ? result.error : null,
  };
}

/** The storage locations Browse offers on `host` (`storage.locations`), and an error if they could not be listed. */
export function useStorageLocations(host: string | null): { locations: StorageLocation[]; loading: boolean; error: ErrorDto | null } {
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const key = host === null ? null : JSON.stringify([host, revision]);
  const request = useRequest(key, () => wizardRequest('storage.locations', { host: host ?? '' }));
  const result = request.resultKey === key ? request.result : null;
  return { locations: result?.ok ? result.value : [], loading: key !== null && result === null, error: result && !result.ok ? result.error : null };
}
