/** Results that cross a process boundary: errors are values with a code, never exceptions. */

/** An error a caller can show: a stable code, a sentence, and optional structured detail. */
export interface ErrorDto {
  code: string;
  message: string;
  detail?: unknown;
}

/** Success with a value, or failure with an error DTO. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error as a failure. */
export function err<T = never>(code: string, message: string, detail?: unknown): Result<T> {
  return detail === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, detail } };
}

/** Fails loudly when a switch over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
