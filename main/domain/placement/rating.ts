import { text, type Text } from '../../../shared/i18n/text.js';

/** What the rating of an available host is computed from: the destination's headroom after the move. */
export interface HeadroomInput {
  host: string;
  vm: string;
  totalMB: number;
  availableMB: number;
  reserveMB: number;
  vmMemoryMB: number;
  cpuUsagePercent: number;
  /** The destination location's space when storage moves; null when nothing is copied or its space is unknown. */
  storage: { label: string | Text; freeGB: number; capacityGB: number; movingGB: number; reserveGB: number } | null;
}

/** The weights of the three headroom fractions; memory weighs most. Without a storage move, memory and CPU share it all. */
export const RATING_WEIGHTS = {
  withStorage: { memory: 0.6, cpu: 0.25, storage: 0.15 },
  withoutStorage: { memory: 0.7, cpu: 0.3, storage: 0 },
} as const;

/** A rating and the lines that explain it. */
export interface HeadroomRating {
  rating: number;
  explanation: Text[];
}

/** A fraction kept within 0 and 1 (0 for a number that is not finite). */
export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Stars from a score of 0 to 1: score × 5 rounded to the nearest half, from 0.5 to 5 (it never falls as the score grows). */
export function ratingOfScore(score: number): number {
  return Math.min(5, Math.max(0.5, Math.round(score * 10) / 2));
}

/** The numbers behind a rating (no sentences): the planner rates thousands of host pairs with them. */
export function headroomScore(input: Omit<HeadroomInput, 'host' | 'vm'>) {
  const weights = input.storage ? RATING_WEIGHTS.withStorage : RATING_WEIGHTS.withoutStorage;
  const freeAfterMB = input.availableMB - input.reserveMB - input.vmMemoryMB;
  const memory = input.totalMB > 0 ? clamp01(freeAfterMB / input.totalMB) : 0;
  const cpu = clamp01((100 - input.cpuUsagePercent) / 100);
  const s = input.storage;
  const keptGB = s ? s.freeGB - s.movingGB - s.reserveGB : 0;
  const storage = s && s.capacityGB > 0 ? clamp01(keptGB / s.capacityGB) : 0;
  const score = weights.memory * memory + weights.cpu * cpu + weights.storage * storage;
  const rating = ratingOfScore(score);
  return { weights, freeAfterMB, memory, cpu, keptGB, storage, score, rating };
}

/**
 * Rates an available host from 0.5 to 5 stars in half steps (migration-rules.md 2.5). Three fractions of
 * headroom, each 0 to 1: memory free after the VM lands (available − reserve − VM memory, over the host's
 * total), CPU headroom (100 − usage, over 100), and, when storage moves to a known location, the space that
 * location keeps after the copy and the disk reserve (over its capacity). The score is their weighted sum
 * (`RATING_WEIGHTS`); stars = score × 5 rounded to the nearest half, at least 0.5. Every fraction only grows
 * with more free memory, and rounding keeps order, so more free memory never lowers the rating. O(1).
 */
export function rateHeadroom(input: HeadroomInput): HeadroomRating {
  const { weights, freeAfterMB, memory, cpu, keptGB, storage, score, rating } = headroomScore(input);
  const s = input.storage;

  const round = (x: number): number => Math.round(x * 100) / 100;
  const percent = (x: number): number => Math.round(x * 100);
  const explanation = [
    text('rating.head', { rating, host: input.host }),
    text('rating.memory', {
      weight: weights.memory,
      available: { mb: input.availableMB },
      reserve: { mb: input.reserveMB },
      vmMemory: { mb: input.vmMemoryMB },
      vm: input.vm,
      free: { mb: freeAfterMB },
      percent: percent(memory),
      total: { mb: input.totalMB },
    }),
    text('rating.cpu', { weight: weights.cpu, usage: input.cpuUsagePercent, percent: percent(cpu) }),
    s
      ? text('rating.storage', {
          weight: weights.storage,
          location: s.label,
          kept: { gb: Math.max(0, keptGB) },
          capacity: { gb: s.capacityGB },
          moving: { gb: s.movingGB },
          reserve: { mb: s.reserveGB * 1024 },
          percent: percent(storage),
        })
      : text('rating.storageNone'),
    s
      ? text('rating.score', {
          wm: weights.memory,
          m: round(memory),
          wc: weights.cpu,
          c: round(cpu),
          ws: weights.storage,
          s: round(storage),
          score: round(score),
        })
      : text('rating.scoreNoStorage', { wm: weights.memory, m: round(memory), wc: weights.cpu, c: round(cpu), score: round(score) }),
  ];
  return { rating, explanation };
}
