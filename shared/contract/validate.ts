import type { z } from 'zod';
import { err, ok, type Result } from '../model/result.js';
import { invokeSchemas, type InvokeArgs, type InvokeChannel } from './invoke.js';

/** How deep a request's arguments may nest; no request of the contract comes near it. */
export const MAX_ARGS_DEPTH = 32;
/** How many problems a bad request answers at most. */
const MAX_PROBLEMS = 20;
/** How much of an untrusted string an error message repeats. */
const ECHO_CHARS = 60;

/** Tells whether a string names a request channel of the contract. */
export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(invokeSchemas, channel);
}

/** Formats a zod issue path as `a.b[3].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Names an untrusted value for an error message without repeating more than a short prefix of it. */
export function describeUntrusted(value: unknown): string {
  if (typeof value === 'string') {
    const chars = [...value.slice(0, ECHO_CHARS + 1)];
    return chars.length > ECHO_CHARS ? `${JSON.stringify(chars.slice(0, ECHO_CHARS).join(''))}… (${value.length} characters)` : JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'undefined' ? 'nothing' : typeof value;
}

/** Whether a value nests arrays and objects deeper than `limit`; walks without recursion, so any depth is safe. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1 });
    }
  }
  return false;
}

/**
 * Checks a request against the contract: the channel must exist and the arguments must match its
 * schema. Answers the parsed arguments, or a `bad-request` error that names the field. Any input is
 * safe: arguments nested deeper than MAX_ARGS_DEPTH are refused before a schema sees them, and the
 * error repeats only a short prefix of what was sent.
 */
export function validateRequest(channel: unknown, args: unknown): Result<{ channel: InvokeChannel; args: InvokeArgs[InvokeChannel] }> {
  if (!isInvokeChannel(channel)) {
    return err('unknown-channel', `Unknown request channel ${describeUntrusted(channel)}.`);
  }
  if (nestsDeeperThan(args, MAX_ARGS_DEPTH)) {
    return err('bad-request', `Invalid arguments for ${channel}: they nest deeper than ${MAX_ARGS_DEPTH} levels.`);
  }
  const schema = invokeSchemas[channel] as z.ZodType;
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const problems = issues
      .slice(0, MAX_PROBLEMS)
      .map((i) => `${formatPath(i.path.slice(0, MAX_ARGS_DEPTH)).slice(0, 200) || '(arguments)'}: ${i.message.slice(0, 200)}`);
    const more = issues.length > MAX_PROBLEMS ? `; and ${issues.length - MAX_PROBLEMS} more` : '';
    return err('bad-request', `Invalid arguments for ${channel}: ${problems.join('; ')}${more}`, { problems });
  }
  return ok({ channel, args: parsed.data as InvokeArgs[InvokeChannel] });
}
