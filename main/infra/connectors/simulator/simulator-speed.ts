import { SIMULATOR_SPEED } from '../../../../shared/model/settings.js';

/** The simulator's own default when no speed is given: real time (a 35-second move takes 35 seconds). */
export const DEFAULT_SIMULATOR_SPEED = 1;

/** Reads a speed factor from a flag or a setting ("60", 60); null when it is not a number in range. */
export function simulatorSpeedParse(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < SIMULATOR_SPEED.min || n > SIMULATOR_SPEED.max) return null;
  return n;
}
