import type { Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import {
  LEAST_GAIN_POINTS,
  OVER_HOST_LEAST_GAIN_POINTS,
  type HostThresholds,
  type OptimizeMove,
  type OptimizeOutcome,
  type OptimizeRequest,
  type OptimizeSkippedHost,
} from '../../../shared/model/optimize.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { say, sayPlural, text } from '../../../shared/i18n/text.js';
import { blockingReasons } from '../placement/blocking-reasons.js';
import { buildPlacementIndex, type PlacementIndex } from '../placement/placement-index.js';
import { vmPlacementRules, type RuleFinding } from '../placement/placement-rules.js';
import { decideTransfer } from '../placement/transfer-type.js';
import { vmFacts, type VmFacts } from '../placement/vm-facts.js';
import { nameKey } from '../storage-paths/names.js';
import { isRunningForMigration } from '../storage-paths/vm-storage.js';
import { balanceSide } from './balance.js';
import { cpuShareOn, loadOf, memoryPercent, peakPercent, vmCpuShares, type LoadedHost } from './host-load.js';
import { hostThresholds, inHostGroup, type GroupThresholds } from './thresholds.js';

/**
 * Optimize Hosts, after VMM's Dynamic Optimization: inside each cluster of the scope (and, when the admin allows
 * it, among standalone hosts whose VMs' files sit on a share both ends reach), live migrations of running
 * highly-available VMs that even out memory and CPU load. Hosts in maintenance mode or not responding take no
 * part. Each step takes the move with the largest gain (how far the busier of its two hosts comes down) among
 * moves that keep every placement rule (section 8, against the moves already chosen), fit in memory, leave the
 * destination within its thresholds and never raise the pool's highest load (the higher of memory and CPU) nor its
 * highest memory percent; it stops when the
 * best gain is below the aggressiveness's least gain (1 point when the source is over its thresholds). Taking the
 * largest gain first makes few moves for the gain: a VM about half the gap between two hosts beats many small ones.
 */

/** The sources tried per step: the busiest hosts hold the best moves; more costs time and finds the same. */
const SOURCES_PER_STEP = 8;

/** A VM that Optimize Hosts may move. */
interface Candidate {
  vm: Vm;
  facts: VmFacts;
  /** Index of the host it is on (in its pool) now. */
  at: number;
  /** Its CPU share of the host it started on, percent of that host. */
  cpuShare: number;
  moved: boolean;
}

/** The hosts of one pool (a cluster, or the standalone hosts) and their VMs that may move. */
interface Pool {
  hosts: LoadedHost[];
  limits: HostThresholds[];
  vms: Candidate[];
  standalone: boolean;
}

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

/** Whether a host is over its thresholds now. */
function isOver(h: LoadedHost, t: HostThresholds): boolean {
  return 100 - memoryPercent(h) < t.memoryFreePercent || 100 - h.cpuPercent < t.cpuFreePercent;
}

/** A move tried in a step. */
interface Trial {
  c: Candidate;
  to: number;
  gain: number;
  over: boolean;
  /** The destination's peak percent after the move: for the same gain, the emptier destination wins. */
  destAfter: number;
  /** How much closer to the pool's mean memory and CPU percent the two hosts come (sum of distances, points). */
  evens: number;
}

/** The moves of one pool, greedily by gain; `placements` gathers where every move so far put its VM (VM name → host). */
function optimizePool(pool: Pool, leastGain: number, index: PlacementIndex, placements: Map<string, string>): OptimizeMove[] {
  const { hosts, limits } = pool;
  const n = hosts.length;
  if (n < 2) return [];
  const moves: OptimizeMove[] = [];
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

  /**
   * Whether trial `a` beats `b`: the two hosts come closer to the pool's mean (a VM that fills the source's excess
   * and the destination's lack without overshooting: no later move undoes it), then the larger gain, then the
   * emptier destination, then less memory to copy (each to a hundredth of a point).
   */
  const beats = (a: Trial, b: Trial | null): boolean => {
    if (!b) return true;
    const e = Math.round((a.evens - b.evens) * 100);
    if (e !== 0) return e > 0;
    const g = Math.round((a.gain - b.gain) * 100);
    if (g !== 0) return g > 0;
    if (a.destAfter !== b.destAfter) return a.destAfter < b.destAfter;
    return a.c.vm.memoryMB < b.c.vm.memoryMB;
  };
  const bestTrial = (
    sources: readonly number[],
    onHost: readonly Candidate[][],
    peaks: readonly number[],
    maxMem: number,
    maxPeak: number,
    refused: ReadonlySet<string>,
  ): Trial | null => {
    const meanMem = hosts.reduce((t, h) => t + memoryPercent(h), 0) / n;
    const meanCpu = hosts.reduce((t, h) => t + h.cpuPercent, 0) / n;
    const off = (mem: number, cpu: number): number => Math.abs(mem - meanMem) + Math.abs(cpu - meanCpu);
    let best: Trial | null = null;
    for (const s of sources) {
      const src = hosts[s];
      const over = isOver(src, limits[s]);
      const least = over ? Math.min(leastGain, OVER_HOST_LEAST_GAIN_POINTS) : leastGain;
      const srcMem = memoryPercent(src);
      const srcOff = off(srcMem, src.cpuPercent);
      for (const c of onHost[s]) {
        const srcMemAfter = srcMem - (c.vm.memoryMB / src.totalMB) * 100;
        const srcCpuAfter = src.cpuPercent - c.cpuShare;
        const srcAfter = Math.max(srcMemAfter, srcCpuAfter);
        for (let d = 0; d < n; d++) {
          if (d === s || peaks[d] >= peaks[s] - least) continue;
          const dst = hosts[d];
          if (dst.availableMB - dst.host.memory.reserveMB < c.vm.memoryMB) continue;
          const memAfter = ((dst.totalMB - dst.availableMB + c.vm.memoryMB) / dst.totalMB) * 100;
          const cpuAfter = dst.cpuPercent + cpuShareOn(c.cpuShare, src.host, dst.host);
          // The most-loaded host never gets worse: no destination ends above the pool's highest load (the higher of
          // memory and CPU) or its highest memory percent now.
          if (memAfter > maxMem + 1e-9 || Math.max(memAfter, cpuAfter) > maxPeak + 1e-9) continue;
          if (100 - memAfter < limits[d].memoryFreePercent || 100 - cpuAfter < limits[d].cpuFreePercent) continue;
          const gain = Math.max(peaks[s], peaks[d]) - Math.max(srcAfter, memAfter, cpuAfter);
          if (gain < least) continue;
          const evens = srcOff + off(memoryPercent(dst), dst.cpuPercent) - off(srcMemAfter, srcCpuAfter) - off(memAfter, cpuAfter);
          const trial: Trial = { c, to: d, gain, over, destAfter: Math.max(memAfter, cpuAfter), evens };
          if (!beats(trial, best) || !fits(c, d) || refused.has(`${nameKey(c.vm.name)}\u0000${d}`)) continue;
          best = trial;
        }
      }
    }
    return best;
  };

  for (let step = 0; step < pool.vms.length; step++) {
    const peaks = hosts.map(peakPercent);
    const maxMem = Math.max(...hosts.map(memoryPercent));
    const maxPeak = Math.max(...peaks);
    const order = peaks.map((_, i) => i).sort((a, b) => peaks[b] - peaks[a]);
    const onHost = byHost();
    // The best trial that keeps every rule: scan for the best, check its rules, and scan again without it if not.
    const refused = new Set<string>();
    let chosen: Trial | null = null;
    for (;;) {
      const best = bestTrial(order.slice(0, SOURCES_PER_STEP), onHost, peaks, maxMem, maxPeak, refused);
      if (!best) break;
      if (keepsRules(best.c, hosts[best.c.at].host, hosts[best.to].host, index, placements)) {
        chosen = best;
        break;
      }
      refused.add(`${nameKey(best.c.vm.name)}\u0000${best.to}`);
    }
    if (!chosen) break;
    moves.push(apply(pool, chosen, placements));
  }
  return moves;
}

/** Whether moving `c` from `from` to `to` keeps every placement rule: nothing blocking at `to`, and no warning it lacks at `from`. */
function keepsRules(c: Candidate, from: Host, to: Host, index: PlacementIndex, placements: ReadonlyMap<string, string>): boolean {
  if (!index.rules.any) return true;
  const check = vmPlacementRules(index.rules, c.vm.name, placements);
  if (!check?.hasRules) return true;
  const there = check.findings(to);
  if (there.some((f) => f.blocking)) return false;
  const here = new Set(check.findings(from).map((f: RuleFinding) => f.code));
  return there.every((f) => here.has(f.code));
}

/** Applies a move to the pool's load and says why it is worth making. */
function apply(pool: Pool, t: Trial, placements: Map<string, string>): OptimizeMove {
  const src = pool.hosts[t.c.at];
  const dst = pool.hosts[t.to];
  const home = pool.hosts[t.c.at].host;
  const look = (h: LoadedHost): { dim: 'memory' | 'cpu'; pct: number } => {
    const m = memoryPercent(h);
    return m >= h.cpuPercent ? { dim: 'memory', pct: m } : { dim: 'cpu', pct: h.cpuPercent };
  };
  const sBefore = look(src);
  const dBefore = look(dst);
  src.availableMB += t.c.vm.memoryMB;
  dst.availableMB -= t.c.vm.memoryMB;
  src.cpuPercent = Math.max(0, src.cpuPercent - cpuShareOn(t.c.cpuShare, home, src.host));
  dst.cpuPercent += cpuShareOn(t.c.cpuShare, home, dst.host);
  // The VM now belongs to its destination: its CPU share is re-based there, and it moves once per plan.
  t.c.cpuShare = cpuShareOn(t.c.cpuShare, home, dst.host);
  t.c.at = t.to;
  t.c.moved = true;
  placements.set(t.c.vm.name, dst.host.name);
  const pct = (h: LoadedHost, dim: 'memory' | 'cpu'): number => Math.round(dim === 'memory' ? memoryPercent(h) : h.cpuPercent);
  const reason = say(t.over ? 'optimize.reason.over' : 'optimize.reason', {
    vm: t.c.vm.name,
    source: src.host.name,
    sourceDim: text(`optimize.dim.${sBefore.dim}`),
    sourceBefore: Math.round(sBefore.pct),
    sourceAfter: pct(src, sBefore.dim),
    dest: dst.host.name,
    destDim: text(`optimize.dim.${dBefore.dim}`),
    destBefore: Math.round(dBefore.pct),
    destAfter: pct(dst, dBefore.dim),
    gain: Math.round(t.gain * 10) / 10,
  });
  return { vm: t.c.vm.name, from: src.host.name, to: dst.host.name, gain: Math.round(t.gain * 100) / 100, relievesOver: t.over, reason };
}
