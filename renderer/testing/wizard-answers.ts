import type { HostRating, Issue, PathCheck, ReasonCode, TransferType, WarningCode } from '../../shared/model/placement.js';
import type { StoragePlanCheck } from '../../shared/model/storage.js';

/** A Select Host row, as the backend would answer it (tests seed these; the renderer never computes them). */
export function hostRow(host: string, patch: Partial<HostRating> & { transferType?: TransferType | null } = {}): HostRating {
  const available = patch.available ?? (patch.reasons ?? []).length === 0;
  return {
    host,
    cluster: null,
    rating: available ? 4 : 0,
    transferType: available ? 'Live' : null,
    available,
    reasons: [],
    warnings: [],
    ratingExplanation: [`${host} rating explained`],
    transferExplanation: [`${host} transfer explained`],
    ...patch,
  };
}

/** A blocking reason. */
export const reason = (code: ReasonCode, message: string): Issue<ReasonCode> => ({ code, message });

/** A warning. */
export const warning = (code: WarningCode, message: string): Issue<WarningCode> => ({ code, message });

/** A path check verdict. */
export function pathVerdict(valid: boolean, message: string, code: PathCheck['code'] = valid ? null : 'path-invalid'): PathCheck {
  return { valid, code, message };
}

/** A valid plan check that moves `moves` files. */
export function planOk(moves: StoragePlanCheck['moves'] = []): StoragePlanCheck {
  return { valid: true, problems: [], moves, destinations: [] };
}
