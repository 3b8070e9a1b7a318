/** The simulator's speed factor: how much faster than real time a simulated move plays (`--speed`, and the UI setting). */

/** Real time: a 35-second move takes 35 seconds. */
export const DEFAULT_SIMULATOR_SPEED = 1;
/** The slowest a demo may play: ten times slower than real time (to watch progress closely). */
export const MIN_SIMULATOR_SPEED = 0.1;
/** The fastest: an hour of simulated time per wall second (tests, and draining a big estate in a demo). */
export const MAX_SIMULATOR_SPEED = 3600;

/** Reads a speed factor from a flag or a setting ("60", 60); null when it is not a number in range. */
export function simulatorSpeedParse(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < MIN_SIMULATOR_SPEED || n > MAX_SIMULATOR_SPEED) return null;
  return n;
}
