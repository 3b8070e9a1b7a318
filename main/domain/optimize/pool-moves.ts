import type { Host, Vm } from '../../../shared/model/inventory.js';
import { OVER_HOST_LEAST_GAIN_POINTS, type HostThresholds, type OptimizeMove } from '../../../shared/model/optimize.js';
import { say, text } from '../../../shared/i18n/text.js';
import type { PlacementIndex } from '../placement/placement-index.js';
import { vmPlacementRules, type RuleFinding } from '../placement/placement-rules.js';
import type { VmFacts } from '../placement/vm-facts.js';
import { cpuShareOn, memoryPercent, peakPercent, type LoadedHost } from './host-load.js';

/**
 * The pool Optimize Hosts works on (a cluster, or the standalone hosts that share storage), its VMs that may move,
 * and the checks every move must pass against the pool as the moves before it left it.
 */

/** A VM that Optimize Hosts may move. */
export interface Candidate {
  vm: Vm;
  facts: VmFacts;
  /** Index of the host it is on (in its pool) now. */
  at: number;
  /** Its CPU share of the host it is on now, percent of that host. */
  cpuShare: number;
  moved: boolean;
}

/** The hosts of one pool (a cluster, or the standalone hosts) and their VMs that may move. */
export interface Pool {
  hosts: LoadedHost[];
  limits: HostThresholds[];
  vms: Candidate[];
  standalone: boolean;
}

/** A chosen move: a VM to a host of its pool (by index). */
export interface Step {
  c: Candidate;
  to: number;
}

/** The pool at one moment: each host's peak (the higher of memory and CPU percent), the highest memory percent and peak. */
export interface PoolNow {
  peaks: number[];
  maxMem: number;
  maxPeak: number;
}

/** What a move would do, judged against the pool now. */
export interface Judged {
  /** Points the busier of the two hosts comes down by. */
  gain: number;
  /** Whether the source is over its thresholds now. */
  over: boolean;
  srcMemAfter: number;
  srcCpuAfter: number;
  memAfter: number;
  cpuAfter: number;
}

/** The pool's peaks and highest loads now. */
export function poolNow(hosts: readonly LoadedHost[]): PoolNow {
  const peaks = hosts.map(peakPercent);
  return { peaks, maxMem: Math.max(...hosts.map(memoryPercent)), maxPeak: Math.max(...peaks) };
}

/** Whether a host is over its thresholds now. */
export function isOver(h: LoadedHost, t: HostThresholds): boolean {
  return 100 - memoryPercent(h) < t.memoryFreePercent || 100 - h.cpuPercent < t.cpuFreePercent;
}

/** A judgement to fill in (`judgeMove` writes into it, to spare the garbage collector in the greedy's inner loop). */
export function emptyJudged(): Judged {
  return { gain: 0, over: false, srcMemAfter: 0, srcCpuAfter: 0, memAfter: 0, cpuAfter: 0 };
}

/**
 * Judges moving `c` to host `d` against the pool now, into `out`; false when the move breaks a check: it fits in
 * the destination's memory above its reserve, leaves the destination within its thresholds, raises neither the
 * pool's highest load nor its highest memory percent (the most-loaded host never gets worse), and gains at least
 * the least gain (0.5 points off a host over its thresholds). Placement rules and the transfer are checked apart.
 */
export function judgeMove(pool: Pool, c: Candidate, d: number, now: PoolNow, leastGain: number, out: Judged = emptyJudged()): boolean {
  const s = c.at;
  // The cheapest test first: the destination must be lower than the source by the least gain an over source needs.
  if (d === s || now.peaks[d] >= now.peaks[s] - Math.min(leastGain, OVER_HOST_LEAST_GAIN_POINTS)) return false;
  const src = pool.hosts[s];
  const dst = pool.hosts[d];
  const over = isOver(src, pool.limits[s]);
  const least = over ? Math.min(leastGain, OVER_HOST_LEAST_GAIN_POINTS) : leastGain;
  if (now.peaks[d] >= now.peaks[s] - least) return false;
  if (dst.availableMB - dst.host.memory.reserveMB < c.vm.memoryMB) return false;
  const memAfter = ((dst.totalMB - dst.availableMB + c.vm.memoryMB) / dst.totalMB) * 100;
  const cpuAfter = dst.cpuPercent + cpuShareOn(c.cpuShare, src.host, dst.host);
  if (memAfter > now.maxMem + 1e-9 || Math.max(memAfter, cpuAfter) > now.maxPeak + 1e-9) return false;
  const t = pool.limits[d];
  if (100 - memAfter < t.memoryFreePercent || 100 - cpuAfter < t.cpuFreePercent) return false;
  const srcMemAfter = memoryPercent(src) - (c.vm.memoryMB / src.totalMB) * 100;
  const srcCpuAfter = src.cpuPercent - c.cpuShare;
  const gain = Math.max(now.peaks[s], now.peaks[d]) - Math.max(srcMemAfter, srcCpuAfter, memAfter, cpuAfter);
  if (gain < least) return false;
  out.gain = gain;
  out.over = over;
  out.srcMemAfter = srcMemAfter;
  out.srcCpuAfter = srcCpuAfter;
  out.memAfter = memAfter;
  out.cpuAfter = cpuAfter;
  return true;
}

/** Whether moving `c` from `from` to `to` keeps every placement rule: nothing blocking at `to`, and no warning it lacks at `from`. */
export function keepsRules(c: Candidate, from: Host, to: Host, index: PlacementIndex, placements: ReadonlyMap<string, string>): boolean {
  if (!index.rules.any) return true;
  const check = vmPlacementRules(index.rules, c.vm.name, placements);
  if (!check?.hasRules) return true;
  const there = check.findings(to);
  if (there.some((f) => f.blocking)) return false;
  const here = new Set(check.findings(from).map((f: RuleFinding) => f.code));
  return there.every((f) => here.has(f.code));
}

/** Moves `c` to host `to` in the pool's load model; its CPU share is re-based there, and it moves once per plan. */
export function moveInPool(pool: Pool, c: Candidate, to: number, placements: Map<string, string>): void {
  const src = pool.hosts[c.at];
  const dst = pool.hosts[to];
  const share = cpuShareOn(c.cpuShare, src.host, dst.host);
  src.availableMB += c.vm.memoryMB;
  dst.availableMB -= c.vm.memoryMB;
  src.cpuPercent = Math.max(0, src.cpuPercent - c.cpuShare);
  dst.cpuPercent += share;
  c.cpuShare = share;
  c.at = to;
  c.moved = true;
  placements.set(c.vm.name, dst.host.name);
}

/** Applies a judged move to the pool's load and says why it is worth making ("HV-07 memory 91% → 78%"). */
export function applyMove(pool: Pool, step: Step, judged: Judged, placements: Map<string, string>): OptimizeMove {
  const src = pool.hosts[step.c.at];
  const dst = pool.hosts[step.to];
  const look = (h: LoadedHost): { dim: 'memory' | 'cpu'; pct: number } => {
    const m = memoryPercent(h);
    return m >= h.cpuPercent ? { dim: 'memory', pct: m } : { dim: 'cpu', pct: h.cpuPercent };
  };
  const sBefore = look(src);
  const dBefore = look(dst);
  moveInPool(pool, step.c, step.to, placements);
  const pct = (h: LoadedHost, dim: 'memory' | 'cpu'): number => Math.round(dim === 'memory' ? memoryPercent(h) : h.cpuPercent);
  const reason = say(judged.over ? 'optimize.reason.over' : 'optimize.reason', {
    vm: step.c.vm.name,
    source: src.host.name,
    sourceDim: text(`optimize.dim.${sBefore.dim}`),
    sourceBefore: Math.round(sBefore.pct),
    sourceAfter: pct(src, sBefore.dim),
    dest: dst.host.name,
    destDim: text(`optimize.dim.${dBefore.dim}`),
    destBefore: Math.round(dBefore.pct),
    destAfter: pct(dst, dBefore.dim),
    gain: Math.round(judged.gain * 10) / 10,
  });
  return {
    vm: step.c.vm.name,
    from: src.host.name,
    to: dst.host.name,
    gain: Math.round(judged.gain * 100) / 100,
    relievesOver: judged.over,
    reason,
  };
}
