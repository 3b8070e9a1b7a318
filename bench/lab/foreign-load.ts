import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU used by processes that are not the benchmark's own (another lab, a test run): the lab's
 * timings are wall-clock on a 2-core machine, so a busy neighbour skews them. Reads /proc (Linux).
 */

/** A reading of the machine's busy CPU time and the benchmark's own share of it, in clock ticks. */
export interface CpuReading {
  at: number;
  busyTicks: number;
  ownTicks: number;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Busy ticks of all CPUs (everything but idle and iowait). */
function machineBusyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return user + nice + system + irq + softirq + (steal ?? 0);
}

/**
 * CPU ticks (user + system) of this process, its children (the lab's QEMU processes: a child that
 * exited but is not reaped yet has no command line, but keeps its parent and its times) and every
 * process whose command line mentions `marker`.
 */
function ownTicks(marker: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const pid = Number(entry);
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields from the state on: ppid at 1, utime and stime at 11 and 12, and for this process its
      // reaped children's cutime and cstime at 13 and 14 (so a lab QEMU that quit stays counted).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const mine = pid === process.pid || Number(fields[1]) === process.pid || readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker);
      if (!mine) continue;
      total += Number(fields[11]) + Number(fields[12]) + (pid === process.pid ? Number(fields[13]) + Number(fields[14]) : 0);
    } catch {
      // the process ended while being read
    }
  }
  return total;
}

/** Reads the CPU counters now; `marker` picks the benchmark's own processes (its lab's folder). */
export function cpuRead(marker: string): CpuReading {
  return { at: Date.now(), busyTicks: machineBusyTicks(), ownTicks: ownTicks(marker) };
}

/**
 * Cores' worth of CPU other processes used between two readings. Approximate: a process that ended
 * in between is not counted as the benchmark's own, and the readings are not atomic.
 */
export function foreignCores(from: CpuReading, to: CpuReading): number {
  const seconds = Math.max(0.001, (to.at - from.at) / 1000);
  const foreign = to.busyTicks - from.busyTicks - Math.max(0, to.ownTicks - from.ownTicks);
  return Math.max(0, foreign / TICKS_PER_SECOND / seconds);
}

/**
 * Waits until other processes use less than `maxCores` over a `sampleMs` window, for up to
 * `timeoutMs`; answers the last window's foreign load (above `maxCores` if it timed out).
 */
export async function quietWait(marker: string, o: { maxCores: number; sampleMs: number; timeoutMs: number }): Promise<number> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const from = cpuRead(marker);
    await new Promise((r) => setTimeout(r, o.sampleMs));
    const load = foreignCores(from, cpuRead(marker));
    if (load < o.maxCores || Date.now() >= deadline) return load;
  }
}
