/** Results that cross a process boundary: errors are values with a code, never exceptions. */

import type { Said } from '../i18n/text.js';
import type { DetailArgs, ErrorCode, ErrorDto } from './errors.js';

export type { ErrorCode, ErrorDto } from './errors.js';

/** Success with a value, or failure with an error DTO. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * Wraps an error as a failure: a code of the registry (errors.ts), a sentence (English words, or a `Said` that also
 * carries the catalogue sentence the console words in its language), and the detail that code carries.
 */
export function err<T = never, C extends ErrorCode = ErrorCode>(code: C, message: string | Said, ...[detail]: DetailArgs<C>): Result<T> {
  const words = typeof message === 'string' ? { message } : { message: message.message, text: message.text };
  const error = (detail === undefined ? { code, ...words } : { code, ...words, detail }) as ErrorDto;
  return { ok: false, error };
}

/** Fails loudly when a switch over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
