import { writeSync } from 'node:fs';

/**
 * A place the crash tests kill a `ferry` process at: when FERRY_CRASH_POINT names it, the process says
 * so on stderr and stops there, synchronously (inside a transaction too), until it is killed. A no-op
 * otherwise.
 */
export function crashPoint(name: string): void {
  if (process.env.FERRY_CRASH_POINT !== name) return;
  writeSync(2, `ferry: stopped at crash point ${name}\n`);
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
