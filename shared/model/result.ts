/** Results that cross a process boundary: errors are values with a code, never exceptions. */

import type { DetailArgs, ErrorCode, ErrorDto } from './errors.js';

export type { ErrorCode, ErrorDto } from './errors.js';

/** Success with a value, or failure with an error DTO. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error as a failure: a code of the registry (errors.ts), a sentence, and the detail that code carries. */
export function err<T = never, C extends ErrorCode = ErrorCode>(code: C, message: string, ...[detail]: DetailArgs<C>): Result<T> {
  const error = (detail === undefined ? { code, message } : { code, message, detail }) as ErrorDto;
  return { ok: false, error };
}

/** Fails loudly when a switch over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
