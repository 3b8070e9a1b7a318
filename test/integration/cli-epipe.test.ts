import { describe, expect, it } from 'vitest';
import { demoDatabasePerTest, ferryStart } from '../fixtures/ferry-process.js';

// `ferry inventory | head -1`: the reader closes the pipe before ferry has written all it has to say.
// The command ends quietly, with its own status, and no EPIPE stack trace on stderr.

const estate = demoDatabasePerTest('ferry-epipe-');

describe('a ferry command whose stdout is closed early', () => {
  it.each(['inventory', 'inventory --json', 'jobs'])(
    'ferry %s ends quietly with status 0',
    async (command) => {
      const child = ferryStart([...command.split(' '), '--db', estate.path]);
      // Closed before the process has even loaded: its first write meets a pipe nobody reads.
      child.child.stdout?.destroy();
      expect(await child.exited).toEqual({ code: 0, signal: null });
      expect(child.stderr()).toBe('');
    },
    120_000,
  );
});
