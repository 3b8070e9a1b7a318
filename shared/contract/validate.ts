import type { z } from 'zod';
import { err, ok, type Result } from '../model/result.js';
import { invokeSchemas, type InvokeArgs, type InvokeChannel } from './invoke.js';

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

/**
 * Checks a request against the contract: the channel must exist and the arguments must match its
 * schema. Answers the parsed arguments, or a `bad-request` error that names the field.
 */
export function validateRequest(channel: unknown, args: unknown): Result<{ channel: InvokeChannel; args: InvokeArgs[InvokeChannel] }> {
  if (!isInvokeChannel(channel)) {
    return err('unknown-channel', `Unknown request channel ${JSON.stringify(channel)}.`);
  }
  const schema = invokeSchemas[channel] as z.ZodType;
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path) || '(arguments)'}: ${i.message}`);
    return err('bad-request', `Invalid arguments for ${channel}: ${problems.join('; ')}`, { problems });
  }
  return ok({ channel, args: parsed.data as InvokeArgs[InvokeChannel] });
}
