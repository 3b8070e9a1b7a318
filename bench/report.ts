/** One benchmark number, with its target when the issue sets one. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

/** The median of some samples. */
export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The p-th percentile (0..100) of some samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Prints a titled table of benchmark rows. */
export function printTable(title: string, rows: readonly BenchRow[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const value = `${r.value < 10 ? r.value.toFixed(2) : r.value.toFixed(0)} ${r.unit}`;
    console.log(`  ${r.name.padEnd(width)}  ${value.padStart(10)}${r.target ? `   (target ${r.target})` : ''}`);
  }
}
