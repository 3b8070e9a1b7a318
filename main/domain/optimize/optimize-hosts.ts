import type { Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import { LEAST_GAIN_POINTS, type OptimizeMove, type OptimizeOutcome, type OptimizeRequest, type OptimizeSkippedHost } from '../../../shared/model/optimize.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { say, sayPlural, text } from '../../../shared/i18n/text.js';
import { blockingReasons } from '../placement/blocking-reasons.js';
import { buildPlacementIndex, type PlacementIndex } from '../placement/placement-index.js';
import { decideTransfer } from '../placement/transfer-type.js';
import { vmFacts } from '../placement/vm-facts.js';
import { nameKey } from '../storage-paths/names.js';
import { isRunningForMigration } from '../storage-paths/vm-storage.js';
import { balanceSide } from './balance.js';
import { loadOf, memoryPercent, vmCpuShares } from './host-load.js';
import { applyMove, emptyJudged, judgeMove, keepsRules, moveInPool, poolNow, type Candidate, type Judged, type Pool, type PoolNow } from './pool-moves.js';
import { pruneSteps, snapshotPool, type JudgedStep } from './prune-moves.js';
import { hostThresholds, inHostGroup, type GroupThresholds } from './thresholds.js';

/**
 * Optimize Hosts, after VMM's Dynamic Optimization: inside each cluster of the scope (and, when the admin allows
 * it, among standalone hosts whose VMs' files sit on a share both ends reach), live migrations of running
 * highly-available VMs that even out memory and CPU load. Hosts in maintenance mode or not responding take no
 * part. Every move keeps every placement rule (section 8, against the moves before it), fits in memory, leaves the
 * destination within its thresholds, never raises the pool's highest load (the higher of memory and CPU) nor its
 * highest memory percent, and gains at least the aggressiveness's least gain (how far the busier of its two hosts
 * comes down; 0.5 points when the source is over its thresholds).
 *
 * Two passes, for few moves: (1) a greedy, each step taking the move that brings its two hosts closest to the pool's
 * mean (the VM that best fits the source's excess and the destination's lack, not the largest: a VM that overshoots
 * needs a later move to make up for it), then the larger gain; it stops when no move gains the least gain. (2)
 * Fewer moves for the same gain (prune-moves.ts): the greedy's last moves are fine-tuning, and some of them together
 * bring the pool's highest load down by less than the least gain; those are dropped, one at a time, the one whose
 * absence leaves the load most even first, replaying the moves left so each still passes every check.
 */

/** The sources tried per step: the busiest hosts hold the best moves; more costs time and finds the same. */
const SOURCES_PER_STEP = 8;

/** Plans Optimize Hosts on an inventory: the moves, the balance before and after, each move's reason. */
export function optimizeHosts(
  inventory: InventoryDocument,
  request: OptimizeRequest,
  groupThresholds: GroupThresholds = {},
  index: PlacementIndex = buildPlacementIndex(inventory),
): Result<OptimizeOutcome> {
  const scope = request.scope;
  let inScope: Host[];
  if ('cluster' in scope) {
    const cluster = inventory.clusters.find((c) => nameKey(c.name) === nameKey(scope.cluster));
    if (!cluster) return err('cluster-not-found', say('err.noCluster', { cluster: scope.cluster }));
    inScope = inventory.hosts.filter((h) => h.cluster !== null && nameKey(h.cluster) === nameKey(cluster.name));
  } else {
    const known = nameKey(scope.group) === 'all hosts' || inventory.hostGroups.some((g) => inHostGroup(g, scope.group));
    if (!known && !inventory.hosts.some((h) => inHostGroup(h.hostGroup, scope.group)))
      return err('host-group-not-found', say('err.noGroupPath', { group: scope.group }));
    inScope = inventory.hosts.filter((h) => inHostGroup(h.hostGroup, scope.group));
  }

  const skipped: OptimizeSkippedHost[] = [];
  const eligible = inScope.filter((h) => {
    if (h.maintenanceMode) skipped.push({ host: h.name, code: 'maintenance-mode', ...say('optimize.skipped.maintenance', { host: h.name }) });
    else if (h.state !== 'Responding') skipped.push({ host: h.name, code: 'host-not-responding', ...say('optimize.skipped.notResponding', { host: h.name }) });
    else if (h.cluster === null && !request.allowStandalone)
      skipped.push({ host: h.name, code: 'standalone', ...say('optimize.skipped.standalone', { host: h.name }) });
    else return true;
    return false;
  });

  const vmsOn = new Map<string, Vm[]>();
  for (const vm of inventory.vms) {
    const k = nameKey(vm.host);
    const list = vmsOn.get(k);
    if (list) list.push(vm);
    else vmsOn.set(k, [vm]);
  }
  const byPool = new Map<string, Host[]>();
  for (const h of eligible) {
    const k = h.cluster === null ? '\u0000standalone' : nameKey(h.cluster);
    const list = byPool.get(k);
    if (list) list.push(h);
    else byPool.set(k, [h]);
  }
  const pools: Pool[] = [...byPool.entries()].map(([k, hosts]) => {
    const standalone = k === '\u0000standalone';
    const vms: Candidate[] = [];
    hosts.forEach((h, at) => {
      const on = vmsOn.get(nameKey(h.name)) ?? [];
      const shares = vmCpuShares(h, on);
      for (const vm of on) {
        // Dynamic Optimization moves running highly-available VMs; between standalone hosts, running VMs on shared storage.
        if (!isRunningForMigration(vm) || (!standalone && !vm.highlyAvailable)) continue;
        const facts = vmFacts(vm, index);
        if (!facts) continue;
        vms.push({ vm, facts, at, cpuShare: shares.get(vm) ?? 0, moved: false });
      }
    });
    return { hosts: hosts.map(loadOf), limits: hosts.map((h) => hostThresholds(h, groupThresholds)), vms, standalone };
  });

  const before = balanceSide(pools.flatMap((p) => p.hosts));
  const leastGain = LEAST_GAIN_POINTS[request.aggressiveness];
  const placements = new Map<string, string>();
  const moves: OptimizeMove[] = [];
  for (const pool of pools) moves.push(...optimizePool(pool, leastGain, index, placements));
  const after = balanceSide(pools.flatMap((p) => p.hosts));

  const aggressiveness = text(`optimize.aggressiveness.${request.aggressiveness}`);
  const hostCount = pools.reduce((s, p) => s + p.hosts.length, 0);
  const summary =
    moves.length > 0
      ? sayPlural('optimize.summary', moves.length, {
          maxBefore: Math.round(before.maxMemoryPercent),
          maxAfter: Math.round(after.maxMemoryPercent),
          stdevBefore: Math.round(before.stdevMemoryPercent * 10) / 10,
          stdevAfter: Math.round(after.stdevMemoryPercent * 10) / 10,
        })
      : pools.every((p) => p.hosts.length < 2)
        ? say('optimize.nothing.noHosts', { hosts: hostCount })
        : say('optimize.nothing', { gain: leastGain, aggressiveness });
  return ok({
    request,
    leastGain,
    moves,
    balance: { before, after },
    thresholds: pools.flatMap((p) => p.limits),
    skipped,
    summary,
  });
}

/** A move tried in a step. */
interface Trial {
  c: Candidate;
  to: number;
  judged: Judged;
  /** How much closer to the pool's mean memory and CPU percent the two hosts come (sum of distances, points). */
  evens: number;
}

/**
 * Whether trial `a` beats `b`: the two hosts come closer to the pool's mean (a VM that fills the source's excess and
 * the destination's lack without overshooting: no later move undoes it), then the larger gain, then the emptier
 * destination, then less memory to copy (each to a hundredth of a point).
 */
function beats(a: Trial, b: Trial | null): boolean {
  if (!b) return true;
  const e = Math.round((a.evens - b.evens) * 100);
  if (e !== 0) return e > 0;
  const g = Math.round((a.judged.gain - b.judged.gain) * 100);
  if (g !== 0) return g > 0;
  const aDest = Math.max(a.judged.memAfter, a.judged.cpuAfter);
  const bDest = Math.max(b.judged.memAfter, b.judged.cpuAfter);
  if (aDest !== bDest) return aDest < bDest;
  return a.c.vm.memoryMB < b.c.vm.memoryMB;
}

/** The moves of one pool: greedily by how even they leave the two hosts, then pruned; `placements` gathers where every move so far put its VM (VM name → host). */
function optimizePool(pool: Pool, leastGain: number, index: PlacementIndex, placements: Map<string, string>): OptimizeMove[] {
  const { hosts } = pool;
  const n = hosts.length;
  if (n < 2) return [];
  // What never changes for a (VM, destination) pair: Select Host's blocking reasons but memory, and a Live transfer.
  const fixed = new Map<string, boolean>();
  const fits = (c: Candidate, to: number): boolean => {
    const key = `${nameKey(c.vm.name)}\u0000${to}`;
    let yes = fixed.get(key);
    if (yes === undefined) {
      const dest = hosts[to].host;
      const decision = decideTransfer(c.facts, dest, index);
      yes =
        decision.type === 'Live' &&
        blockingReasons({ facts: c.facts, dest, decision, storage: null, diskReserveMB: 0, index }).every((r) => r.code === 'insufficient-memory');
      fixed.set(key, yes);
    }
    return yes;
  };
  const byHost = (): Candidate[][] => {
    const out: Candidate[][] = hosts.map(() => []);
    for (const c of pool.vms) if (!c.moved) out[c.at].push(c);
    return out;
  };
  const bestTrial = (sources: readonly number[], onHost: readonly Candidate[][], now: PoolNow, refused: ReadonlySet<string>): Trial | null => {
    const meanMem = hosts.reduce((t, h) => t + memoryPercent(h), 0) / n;
    const meanCpu = hosts.reduce((t, h) => t + h.cpuPercent, 0) / n;
    const off = (mem: number, cpu: number): number => Math.abs(mem - meanMem) + Math.abs(cpu - meanCpu);
    let best: Trial | null = null;
    // One trial to fill in, kept only when it beats the best so far.
    let trial: Trial = { c: pool.vms[0], to: 0, judged: emptyJudged(), evens: 0 };
    const destOff = hosts.map((h) => off(memoryPercent(h), h.cpuPercent));
    for (const s of sources) {
      for (const c of onHost[s]) {
        for (let d = 0; d < n; d++) {
          const j = trial.judged;
          if (!judgeMove(pool, c, d, now, leastGain, j)) continue;
          trial.c = c;
          trial.to = d;
          trial.evens = destOff[s] + destOff[d] - off(j.srcMemAfter, j.srcCpuAfter) - off(j.memAfter, j.cpuAfter);
          if (!beats(trial, best) || !fits(c, d) || refused.has(`${nameKey(c.vm.name)}\u0000${d}`)) continue;
          best = trial;
          trial = { c, to: d, judged: emptyJudged(), evens: 0 };
        }
      }
    }
    return best;
  };

  // The greedy's own view of where VMs are; the moves kept are written to `placements` at the end.
  const chosenPlacements = new Map(placements);
  const start = snapshotPool(pool);
  const steps: JudgedStep[] = [];
  for (let step = 0; step < pool.vms.length; step++) {
    const now = poolNow(hosts);
    const order = now.peaks.map((_, i) => i).sort((a, b) => now.peaks[b] - now.peaks[a]);
    const onHost = byHost();
    // The best trial that keeps every rule: scan for the best, check its rules, and scan again without it if not.
    const refused = new Set<string>();
    let chosen: Trial | null = null;
    for (;;) {
      const best = bestTrial(order.slice(0, SOURCES_PER_STEP), onHost, now, refused);
      if (!best) break;
      if (keepsRules(best.c, hosts[best.c.at].host, hosts[best.to].host, index, chosenPlacements)) {
        chosen = best;
        break;
      }
      refused.add(`${nameKey(best.c.vm.name)}\u0000${best.to}`);
    }
    if (!chosen) break;
    steps.push({ c: chosen.c, to: chosen.to, judged: chosen.judged });
    moveInPool(pool, chosen.c, chosen.to, chosenPlacements);
  }

  // Fewer moves for the same gain: drop the moves that together bring less than the least gain, then say why each left is worth making.
  // The hosts whose load counts as the highest: those the moves act on, or holding a VM that could go elsewhere.
  const counted = new Set(steps.flatMap((step) => [start.vms[pool.vms.indexOf(step.c)].at, step.to]));
  hosts.forEach((_, h) => {
    if (!counted.has(h) && pool.vms.some((c, i) => start.vms[i].at === h && hosts.some((_, d) => d !== h && fits(c, d)))) counted.add(h);
  });
  return pruneSteps(pool, start, steps, leastGain, index, placements, counted).map((step) => applyMove(pool, step, step.judged, placements));
}
