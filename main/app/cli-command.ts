import { defaultDatabasePath } from '../infra/paths.js';
import { createAppServices, type AppServices } from '../services/app-services.js';
import type { ParsedArgs } from './cli-args.js';

/** Where a command writes; the tests hand in their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One `ferry` command: its options, how many positionals it takes, and what it does. */
export interface Command {
  values: string[];
  flags: string[];
  positionals: [number, number];
  run: (args: ParsedArgs, io: CliIo) => Promise<number>;
}

/** Exit code for a name that is not in the inventory (and for usage errors). */
export const EXIT_NOT_FOUND = 2;

/** Opens the services on `--db` (or the default database) for the length of one command. */
export async function withServices<T>(args: ParsedArgs, fn: (s: AppServices) => Promise<T>): Promise<T> {
  const db = (args.options.get('db') as string | undefined) ?? defaultDatabasePath();
  const services = await createAppServices({ databasePath: db });
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

/** Lays rows out as a plain-text table, the first row being the header. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
