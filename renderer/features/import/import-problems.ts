import { isText } from '../../../shared/i18n/text.js';
import type { ImportProblem } from '../../../shared/model/import.js';
import type { ErrorDto } from '../../../shared/model/result.js';

/** The problems an `inventory-invalid` error lists in `detail.problems`, each with its catalogue sentence when it has one; tolerant of plain strings. */
export function importProblems(error: ErrorDto): ImportProblem[] {
  const detail = error.detail as { problems?: unknown } | undefined;
  if (!detail || !Array.isArray(detail.problems)) return [];
  return detail.problems.map((p: unknown): ImportProblem => {
    if (typeof p === 'string') return { path: '', message: p };
    const problem = p as Partial<ImportProblem> | null;
    const path = typeof problem?.path === 'string' ? problem.path : '';
    const message = typeof problem?.message === 'string' ? problem.message : String(p);
    return isText(problem?.text) ? { path, message, text: problem.text } : { path, message };
  });
}
