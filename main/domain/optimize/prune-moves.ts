import type { PlacementIndex } from '../placement/placement-index.js';
import { cpuShareOn, memoryPercent, peakPercent } from './host-load.js';
import { emptyJudged, isOver, judgeMove, keepsRules, moveInPool, poolNow, type Judged, type Pool, type Step } from './pool-moves.js';

/**
 * Fewer moves for the same gain: after the greedy has chosen its moves, drop those that together bring less than
 * the least gain. One at a time, the move whose absence leaves the load most even (memory and CPU) is dropped, as
 * long as every move left still passes every check where it now stands (rules against the moves before it,
 * memory, thresholds, the most-loaded host never worse, its own least gain), the pool's highest load at the end
 * stays less than the least gain above where all the moves took it, and no host ends over its thresholds that all
 * the moves brought under. A move off a host over its thresholds is never dropped.
 */

/** The pool's mutable state, to replay moves from the start. */
export interface Snapshot {
  hosts: { availableMB: number; cpuPercent: number }[];
  vms: { at: number; cpuShare: number; moved: boolean }[];
}

/** The pool's state now. */
export function snapshotPool(pool: Pool): Snapshot {
  return {
    hosts: pool.hosts.map((h) => ({ availableMB: h.availableMB, cpuPercent: h.cpuPercent })),
    vms: pool.vms.map((c) => ({ at: c.at, cpuShare: c.cpuShare, moved: c.moved })),
  };
}

/** Puts the pool back as it was at `snap`. */
export function restorePool(pool: Pool, snap: Snapshot): void {
  pool.hosts.forEach((h, i) => Object.assign(h, snap.hosts[i]));
  pool.vms.forEach((c, i) => Object.assign(c, snap.vms[i]));
}

/** A chosen move and how it was judged where it stands in the plan. */
export interface JudgedStep extends Step {
  judged: Judged;
}

/** Replays `steps` from `snap`: each judged where it now stands, or null when one fails a check there. Leaves the pool moved. */
function replay(
  pool: Pool,
  snap: Snapshot,
  steps: readonly Step[],
  leastGain: number,
  index: PlacementIndex,
  base: ReadonlyMap<string, string>,
): JudgedStep[] | null {
  restorePool(pool, snap);
  const placements = new Map(base);
  const out: JudgedStep[] = [];
  for (const step of steps) {
    const judged = emptyJudged();
    if (!judgeMove(pool, step.c, step.to, poolNow(pool.hosts), leastGain, judged)) return null;
    if (!keepsRules(step.c, pool.hosts[step.c.at].host, pool.hosts[step.to].host, index, placements)) return null;
    out.push({ c: step.c, to: step.to, judged });
    moveInPool(pool, step.c, step.to, placements);
  }
  return out;
}

/** A host's memory and CPU percent at the end. */
interface Level {
  mem: number;
  cpu: number;
}

/** How uneven some levels are: the sum of squares of memory and CPU percent about their means. */
function unevenness(levels: readonly Level[]): number {
  const n = levels.length;
  const mm = levels.reduce((t, l) => t + l.mem, 0) / n;
  const mc = levels.reduce((t, l) => t + l.cpu, 0) / n;
  return levels.reduce((t, l) => t + (l.mem - mm) ** 2 + (l.cpu - mc) ** 2, 0);
}

/**
 * The greedy's moves (each as the greedy judged it) less those not worth making (see above), each judged where it
 * stands in the plan left. `snap` is the pool before any move (the pool is left there), `base` the placements of the
 * pools before this one, `counted` the hosts whose load is the highest load's (those the moves act on or that some
 * move could lower: a host none of whose VMs may go anywhere does not make the others' balance worth less). The end
 * of the plan without a move is known without replaying it (the VM's memory and CPU share go back to its source), so
 * each round ranks the moves by the end without them and replays only until the best that still passes every check.
 */
export function pruneSteps(
  pool: Pool,
  snap: Snapshot,
  steps: readonly JudgedStep[],
  leastGain: number,
  index: PlacementIndex,
  base: ReadonlyMap<string, string>,
  counted: ReadonlySet<number>,
): JudgedStep[] {
  const { hosts, limits } = pool;
  let kept = replay(pool, snap, steps, leastGain, index, base);
  if (!kept) {
    restorePool(pool, snap);
    return [...steps];
  }
  // A move off a host over its thresholds (when the greedy chose it) is never dropped.
  const relieving = new Set(steps.filter((step) => step.judged.over).map((step) => step.c));
  const fullOver = hosts.map((h, i) => isOver(h, limits[i]));
  const bound = Math.max(...[...counted].map((h) => peakPercent(hosts[h]))) + leastGain;
  for (;;) {
    // The end of the moves kept (the pool as the last replay left it), and of each of them left out.
    const levels: Level[] = hosts.map((h) => ({ mem: memoryPercent(h), cpu: h.cpuPercent }));
    const ranked: { i: number; uneven: number }[] = [];
    for (let i = 0; i < kept.length; i++) {
      const { c, to } = kept[i];
      if (relieving.has(c)) continue;
      const from = snap.vms[pool.vms.indexOf(c)].at;
      const src = hosts[from];
      const dst = hosts[to];
      const back = cpuShareOn(c.cpuShare, dst.host, src.host);
      const without = levels.slice();
      const srcLoad = { ...src, availableMB: src.availableMB - c.vm.memoryMB, cpuPercent: src.cpuPercent + back };
      const dstLoad = { ...dst, availableMB: dst.availableMB + c.vm.memoryMB, cpuPercent: Math.max(0, dst.cpuPercent - c.cpuShare) };
      without[from] = { mem: memoryPercent(srcLoad), cpu: srcLoad.cpuPercent };
      without[to] = { mem: memoryPercent(dstLoad), cpu: dstLoad.cpuPercent };
      if (without.some((l, h) => counted.has(h) && Math.max(l.mem, l.cpu) >= bound - 1e-9)) continue;
      if ((isOver(srcLoad, limits[from]) && !fullOver[from]) || (isOver(dstLoad, limits[to]) && !fullOver[to])) continue;
      ranked.push({ i, uneven: unevenness(without) });
    }
    ranked.sort((a, b) => a.uneven - b.uneven || a.i - b.i);
    let next: JudgedStep[] | null = null;
    for (const { i } of ranked) {
      const left: readonly JudgedStep[] = kept;
      next = replay(
        pool,
        snap,
        left.filter((_, j) => j !== i),
        leastGain,
        index,
        base,
      );
      if (next) break;
    }
    if (!next) break;
    kept = next;
  }
  restorePool(pool, snap);
  return kept;
}
