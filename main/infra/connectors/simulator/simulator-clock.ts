/** The clock and timers a simulator runs on: the real ones by default, fake ones in tests. */
export interface SimulatorClock {
  /** Wall time, ms. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The real clock. It reads the globals on every call (never binds them once), so vitest's
 * `vi.useFakeTimers()` also drives a simulator built with the default clock.
 */
export const realClock: SimulatorClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
