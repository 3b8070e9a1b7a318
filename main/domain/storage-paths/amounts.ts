/** Amounts as sentences show them: GB and MB, rounded for reading, never hiding a shortfall. */

/** Formats gigabytes: whole numbers as they are, fractions to one decimal rounded up ("3801.1 GB"). */
export function formatGB(gb: number): string {
  const value = Number.isInteger(gb) ? gb : Math.ceil(gb * 10) / 10;
  return `${value} GB`;
}

/** Formats megabytes as a whole number ("110848 MB"). */
export function formatMB(mb: number): string {
  return `${Math.ceil(mb)} MB`;
}

/** The default disk reserve a host keeps free on a storage location (migration-rules.md 2.1). */
export const DEFAULT_DISK_RESERVE_MB = 100;

/** Megabytes as gigabytes. */
export function mbToGB(mb: number): number {
  return mb / 1024;
}
