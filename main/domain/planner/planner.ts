import type { Host, InventoryDocument, Vm } from '../../../shared/model/inventory.js';
import type { VmHold } from '../../../shared/model/job.js';
import { vmBusyIssue } from '../scheduler/vm-hold.js';
import { hostLimits, slotsNeeded, type HostLimits } from '../../../shared/model/migration-slots.js';
import type { Plan, PlanLane, PlannedMove, PlanRequest, PlanWarning, PlanWhatIf, StayingVm, UnmovableVm } from '../../../shared/model/plan.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { buildPlacementIndex, type PlacementIndex } from '../placement/placement-index.js';
import { moveKindOf } from '../scheduler/move-kind.js';
import { compressionFactor, linkEstimate } from '../simulation/link-model.js';
import { estimateMove, movePlan, type MoveEstimate } from '../simulation/migration-model.js';
import { modelConstants, type ModelConstants } from '../simulation/model-constants.js';
import { usesMigrationNetwork } from '../simulation/move-phases.js';
import { nameKey, sameName } from '../storage-paths/names.js';
import { isRunningForMigration, vmDiskGB } from '../storage-paths/vm-storage.js';
import { placeAll, type Placed, type PlacementAsk } from './destinations.js';
import { makespanLowerBound, type BoundMove } from './lower-bound.js';
import { playTimeline, type TimelineEntry, type TimelineMove } from './timeline.js';
import { english, say, sayPlural, text } from '../../../shared/i18n/text.js';

/**
 * The planner: for a set of VMs (or a host to evacuate), where each goes, in what order, and when
 * each move is predicted to start and end, with the total window and the lower bound on it. It works
 * on the inventory alone (no live host), so plans are offline planning; running a plan submits its
 * moves in the plan's order, and the scheduler then applies the same slot rules the plan assumed.
 *
 * Order: list scheduling under the scheduler's own rules, trying two orders (the longest chains
 * first, the busiest host slots first) and keeping whichever ends soonest. Each order is
 * also played holding moves back while their hosts' migration networks are full: a link shared by more
 * streams than it carries at full rate gains nothing, and pre-copy re-sends more of a VM's memory the
 * slower each move goes. A held move `follows` the move whose end made room; a run submits those
 * follows and the scheduler honours them, so the run keeps the plan's order on busy links.
 * `whatIf.naive` plans as VMM runs: the request's order, every host limited to 2, nothing held.
 */

/** VMM's fixed limit of simultaneous live migrations, for the naive baseline. */
export const VMM_FIXED_LIMIT = 2;

/** Options of a plan beyond the request and its what-ifs. */
export interface PlanOptions {
  constants?: Partial<ModelConstants>;
  /** Also try holding moves for room on busy links (default true); false shows what that gains. */
  linkAdmission?: boolean;
  /**
   * VMs another job holds now (a move, start or save queued or running), by name key: each stays out of
   * the plan, listed as unmovable with `vm-busy` (one move per VM, migration-rules.md section 4).
   */
  holds?: ReadonlyMap<string, VmHold>;
  /** The placement index of `inventory`, when the caller keeps one per revision (else it is built). */
  index?: PlacementIndex;
}

/** How the moves are ordered before the timeline plays them. */
type OrderRule = 'critical' | 'bottleneck' | 'request';

/** One order played. */
interface Played {
  order: number[];
  ids: Map<number, string>;
  played: Map<string, TimelineEntry>;
  makespan: number;
  /** The moves it held for room on a link, each with the move it follows. */
  follows: Map<string, string>;
  /** Played holding moves for room on links (to be replayed with `follows` before it is shown). */
  held: boolean;
}

/** Plans a request on an inventory; a request naming a host that isn't there is refused. */
export function planMoves(inventory: InventoryDocument, request: PlanRequest, whatIf: PlanWhatIf = {}, options: PlanOptions = {}): Result<Plan> {
  // The evacuated host is the source of every VM placed, so never a destination: the inventory's index serves.
  const index = options.index && options.index.inventory === inventory ? options.index : buildPlacementIndex(inventory);
  const byName = index.storage.hosts;
  const evacuating = new Set<string>();
  if (request.kind === 'evacuate') {
    const host = byName.get(nameKey(request.host));
    if (!host) return err('host-not-found', `No host named "${request.host}" is in the inventory: check the name.`);
    evacuating.add(nameKey(host.name));
  }
  const cap = whatIf.bandwidthCapGbps ?? null;
  if (cap !== null && !(cap > 0)) return err('invalid-what-if', `bandwidthCapGbps: must be above 0 Gbps, got ${cap}`);
  for (const [host, l] of Object.entries(whatIf.limits ?? {})) {
    if (!byName.has(nameKey(host))) return err('host-not-found', `limits.${host}: no host of that name is in the inventory.`);
    for (const k of ['live', 'storage'] as const) {
      const v = l[k];
      if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 64))
        return err('invalid-what-if', `limits.${host}.${k}: must be a whole number from 1 to 64, got ${String(v)}`);
    }
  }
  // Hosts being evacuated take no VMs: for placement they are in maintenance mode.
  const planning: InventoryDocument = evacuating.size
    ? { ...inventory, hosts: inventory.hosts.map((h) => (evacuating.has(nameKey(h.name)) ? { ...h, maintenanceMode: true } : h)) }
    : inventory;
  const constants = modelConstants(options.constants);

  const unmovable: UnmovableVm[] = [];
  const staying: StayingVm[] = [];
  const asks: PlacementAsk[] = [];
  const vms = index.storage.vms;
  if (request.kind === 'vms') {
    const seen = new Set<string>();
    request.vms.forEach((name, order) => {
      const vm = vms.get(nameKey(name));
      if (!vm) {
        unmovable.push({ vm: name, host: '', reasons: [{ code: 'vm-not-found', ...say('plan.reason.noSuchVm', { vm: name }) }], action: null });
        return;
      }
      if (seen.has(nameKey(vm.name))) return;
      seen.add(nameKey(vm.name));
      const to = request.perVm?.[vm.name] ?? Object.entries(request.perVm ?? {}).find(([k]) => nameKey(k) === nameKey(vm.name))?.[1] ?? request.to;
      asks.push({ vm, pinned: to.toLowerCase() === 'auto' ? null : to, order });
    });
  } else {
    // Every VM of the host is accounted for (migration-rules.md section 9): running ones move live, a saved
    // or off highly-available VM of a cluster node moves Quick, any other stays with `not-running`.
    const source = byName.get(nameKey(request.host)) as Host;
    inventory.vms.forEach((vm, order) => {
      if (!sameName(vm.host, source.name)) return;
      if (isRunningForMigration(vm)) asks.push({ vm, pinned: null, order });
      else if (vm.highlyAvailable && source.cluster !== null) asks.push({ vm, pinned: null, order, quick: true });
      else
        staying.push({
          vm: vm.name,
          host: source.name,
          reason: { code: 'not-running', ...say('plan.staying.notRunning', { vm: vm.name, host: source.name, state: text(`vmState.${vm.state}`) }) },
          because: [],
        });
    });
  }

  const held = options.holds;
  const free = held?.size
    ? asks.filter((a) => {
        const hold = held.get(nameKey(a.vm.name));
        if (hold) unmovable.push({ vm: a.vm.name, host: a.vm.host, reasons: [vmBusyIssue(hold)], action: null });
        return !hold;
      })
    : asks;
  const { placed, notPlaced } = placeAll(free, index, { preferOwners: request.kind === 'evacuate' });
  for (const n of notPlaced) {
    // A running VM the evacuation can't move is saved when the admin chose Save state: it stays, saved.
    if (request.kind === 'evacuate' && request.cannotMove === 'save' && !n.ask.quick) {
      const first = n.reasons[0];
      staying.push({
        vm: n.ask.vm.name,
        host: n.host,
        reason: { code: 'saved-by-plan', ...say('plan.staying.savedWhy', { vm: n.ask.vm.name, host: n.host, reason: first.text ?? first.message }) },
        because: n.reasons,
      });
    } else unmovable.push({ vm: n.ask.vm.name, host: n.host, reasons: n.reasons, action: request.kind === 'evacuate' && !n.ask.quick ? 'leave' : null });
  }

  const limitsOf = limitsFor(planning, whatIf);
  // Alone on its link: the move's shortest time, the order's key and the lower bound's terms.
  const alone = placed.map((p) => estimateAlone(p, whatIf, constants));
  const movePlans = placed.map((p) =>
    movePlan({
      vm: { memoryMB: movedMemoryMB(p.ask.vm), dirtyRateMBps: p.ask.vm.dirtyRateMBps, diskGB: p.diskGB },
      kind: moveKindOf(p.transferType),
      constants,
    }),
  );
  const playOrder = (order: number[], admission: boolean, follows?: Map<string, string>): Played => {
    const ids = new Map(order.map((i, n) => [i, `m${n + 1}`]));
    const timelineMoves: TimelineMove[] = order.map((i) => {
      const p = placed[i];
      const id = ids.get(i) as string;
      const f = follows?.get(id);
      return {
        id,
        kind: moveKindOf(p.transferType),
        source: p.source,
        destination: p.dest,
        option: optionOf(p, whatIf),
        plan: movePlans[i],
        after: p.after.map((a) => ids.get(a) as string),
        follows: f ? [f] : [],
        linkLoad: alone[i].linkLoad,
      };
    });
    const played = playTimeline(timelineMoves, limitsOf, { capGbps: cap, linkAdmission: admission });
    return { order, ids, played: played.entries, makespan: played.makespan, follows: admission ? played.follows : (follows ?? new Map()), held: admission };
  };
  // The naive baseline runs in the request's order. Otherwise each order is played as the scheduler
  // would run it, and again holding moves for room on busy links, and the soonest is kept. A held
  // timeline is replayed with its holds as `follows` (what a run submits, and what the scheduler
  // honours): the replay is what the plan shows, and only if it is still the soonest.
  const rules: OrderRule[] = whatIf.naive ? ['request'] : ['critical', 'bottleneck'];
  const tried: Played[] = [];
  const orders = new Set<string>();
  for (const rule of rules) {
    const order = executionOrder(placed, alone, limitsOf, rule);
    // Two rules often give one order (an evacuation's moves all share the source's slots): it is played once.
    const key = order.join(',');
    if (orders.has(key)) continue;
    orders.add(key);
    tried.push(playOrder(order, false));
    if (!whatIf.naive && options.linkAdmission !== false) tried.push(playOrder(order, true));
  }
  const soonest = (list: readonly Played[]): Played => list.reduce((best, c) => (c.makespan < best.makespan - 1e-9 ? c : best));
  let chosen = soonest(tried);
  if (chosen.held) chosen = soonest([playOrder(chosen.order, false, chosen.follows), ...tried.filter((c) => !c.held)]);
  const { order, ids, played, follows } = chosen;

  const moves: PlannedMove[] = order.map((i) => {
    const p = placed[i];
    const id = ids.get(i) as string;
    const e = played.get(id);
    if (!e) throw new Error(`move ${id} was not played`);
    const est = alone[i];
    return {
      id,
      vm: p.ask.vm.name,
      from: p.source.name,
      to: p.dest.name,
      transferType: p.transferType,
      kind: moveKindOf(p.transferType),
      performanceOption: optionOf(p, whatIf),
      start: round(e.start),
      end: round(e.end),
      // A VM that is off or saved is down already: moving it adds no downtime.
      downtime: isRunningForMigration(p.ask.vm) ? round(e.downtimeSeconds) : 0,
      bytes: Math.round(e.sentMB * 1048576),
      passes: e.passes,
      chosen: p.ask.pinned === null ? 'auto' : 'pinned',
      rating: p.rating,
      risk: est.risk,
      convergence: est.convergence,
      convergenceText: est.convergenceText,
      after: p.after.map((a) => ids.get(a) as string),
      follows: follows.has(id) ? [follows.get(id) as string] : [],
      ...(p.rule ? { rule: { code: p.rule.code, message: p.rule.message, text: p.rule.text } } : {}),
    };
  });

  const saves: Plan['saves'] = [];
  const warnings: PlanWarning[] = [];
  const saved = staying.filter((st) => st.reason.code === 'saved-by-plan');
  for (const st of saved) {
    const vm = vms.get(nameKey(st.vm)) as Vm;
    saves.push({ vm: st.vm, host: st.host, start: 0, end: round(vm.memoryMB / constants.diskMBps) });
  }
  if (saved.length)
    warnings.push({ code: 'vms-saved', vm: null, ...sayPlural('plan.warning.vmsSaved', saved.length, { vms: saved.map((st) => st.vm).join(', ') }) });
  // VMs held by another job (vm-busy) have no action: they are already being moved, started or saved.
  const left = unmovable.filter((u) => u.action === 'leave');
  if (request.kind === 'evacuate' && left.length) {
    const vmNames = left.map((u) => u.vm).join(', ');
    warnings.push({ code: 'vms-left-running', vm: null, ...sayPlural('plan.warning.vmsLeftRunning', left.length, { vms: vmNames, host: request.host }) });
  }
  for (const p of placed) {
    // A soft rule the plan could not keep (no other host had room): the admin should know.
    if (p.rule?.broken && (p.rule.code === 'availability-set' || p.rule.code === 'affinity-split'))
      warnings.push({ code: p.rule.code, vm: p.ask.vm.name, message: p.rule.message, ...(p.rule.text ? { text: p.rule.text } : {}) });
  }
  for (const m of moves) {
    if (m.risk === 'never')
      warnings.push({
        code: 'not-converging',
        vm: m.vm,
        ...say('plan.warning.notConverging', { vm: m.vm, from: m.from, to: m.to, why: m.convergenceText ?? m.convergence }),
      });
    else if (m.risk === 'slow')
      warnings.push({
        code: 'slow-convergence',
        vm: m.vm,
        ...say('plan.warning.slowConvergence', { vm: m.vm, from: m.from, to: m.to, why: m.convergenceText ?? m.convergence }),
      });
  }

  const position = new Map(order.map((i, n) => [i, n]));
  const bound = makespanLowerBound(
    order.map((i): BoundMove => {
      const p = placed[i];
      const kind = moveKindOf(p.transferType);
      const est = alone[i];
      const fileMB = kind === 'live-vsm' || kind === 'network' ? p.diskGB * 1024 : 0;
      return {
        source: p.source,
        destination: p.dest,
        option: optionOf(p, whatIf),
        seconds: est.totalSeconds,
        memoryMB: usesMigrationNetwork(kind) ? Math.max(0, est.bytesSent / 1048576 - fileMB) : 0,
        fileMB,
        compression: optionOf(p, whatIf) === 'Compression' ? compressionFactor(p.source.cpu.usagePercent) : 1,
        needs: slotsNeeded(kind, p.source.name, p.dest.name),
        after: p.after.map((a) => position.get(a) as number),
      };
    }),
    limitsOf,
    cap,
  );
  const saveEnd = saves.reduce((mx, s) => Math.max(mx, s.end), 0);
  return ok({
    request,
    whatIf,
    moves,
    unmovable,
    staying,
    saves,
    makespan: round(Math.max(saveEnd, ...moves.map((m) => m.end), 0)),
    lowerBound: round(Math.max(bound.seconds, saveEnd)),
    ...(saveEnd > bound.seconds
      ? { lowerBoundBasis: english(text('bound.save')), lowerBoundBasisText: text('bound.save') }
      : { lowerBoundBasis: bound.basis, lowerBoundBasisText: bound.basisText }),
    lanes: lanesOf(moves),
    warnings,
  });
}

/** The limits a plan runs under: each host's own (a cluster's maximum winning), a what-if's, or VMM's fixed 2. */
export function limitsFor(inventory: InventoryDocument, whatIf: PlanWhatIf): (host: string) => HostLimits {
  const hosts = new Map(inventory.hosts.map((h) => [nameKey(h.name), h]));
  const clusters = new Map(inventory.clusters.map((c) => [nameKey(c.name), c]));
  const overrides = new Map(Object.entries(whatIf.limits ?? {}).map(([k, v]) => [nameKey(k), v]));
  return (name) => {
    if (whatIf.naive) return { live: VMM_FIXED_LIMIT, storage: VMM_FIXED_LIMIT };
    const h = hosts.get(nameKey(name));
    const base = h ? hostLimits(h, h.cluster ? (clusters.get(nameKey(h.cluster)) ?? null) : null) : { live: VMM_FIXED_LIMIT, storage: VMM_FIXED_LIMIT };
    const o = overrides.get(nameKey(name));
    return { live: o?.live ?? base.live, storage: o?.storage ?? base.storage };
  };
}

/** Memory a move saves and restores: none for a VM that is not running (its Quick move only hands its group over). */
function movedMemoryMB(vm: Vm): number {
  return isRunningForMigration(vm) ? vm.memoryMB : 0;
}

function optionOf(p: Placed, whatIf: PlanWhatIf): Host['liveMigration']['performanceOption'] {
  return whatIf.performanceOption ?? p.source.liveMigration.performanceOption;
}

function capped(h: Host, capGbps: number | null): Host {
  return capGbps !== null && capGbps < h.migrationNetwork.gbps ? { ...h, migrationNetwork: { ...h.migrationNetwork, gbps: capGbps } } : h;
}

/**
 * The model's estimate of a placed move alone on its link, and how much of each end's migration network
 * it keeps busy on average: its stream's share of the end (`endLoad`) times the part of its time it
 * spends sending at its link's rate (a copy held back by the disks, or a VM paused, leaves room).
 */
function estimateAlone(p: Placed, whatIf: PlanWhatIf, constants: ModelConstants): AloneEstimate {
  const cap = whatIf.bandwidthCapGbps ?? null;
  const kind = moveKindOf(p.transferType);
  const link = linkEstimate({
    source: capped(p.source, cap),
    destination: capped(p.dest, cap),
    option: optionOf(p, whatIf),
    sharedBy: 1,
    sharedAt: { source: 1, destination: 1 },
  });
  const est = estimateMove({
    vm: { memoryMB: movedMemoryMB(p.ask.vm), dirtyRateMBps: p.ask.vm.dirtyRateMBps, diskGB: vmDiskGB(p.ask.vm) },
    kind,
    link,
    constants,
  });
  if (!usesMigrationNetwork(kind) || est.totalSeconds <= 0) return { ...est, linkLoad: { source: 0, destination: 0 } };
  const fileMB = kind === 'live-vsm' || kind === 'network' ? p.diskGB * 1024 : 0;
  const memoryMB = Math.max(0, est.bytesSent / 1048576 - fileMB);
  const busy = Math.min(1, (memoryMB / link.memoryMBps + fileMB / link.fileCopyMBps) / est.totalSeconds);
  return { ...est, linkLoad: { source: link.endLoad.source * busy, destination: link.endLoad.destination * busy } };
}

interface AloneEstimate extends MoveEstimate {
  linkLoad: { source: number; destination: number };
}

/**
 * An order to submit moves in (indexes into `placed`):
 * - `critical`: the longest path first: a move's own time plus the longest chain of moves waiting on it
 *   (moves that others wait for go early, the longest first among the rest);
 * - `bottleneck`: the moves on the most loaded host slot first (load: summed time over slots), then by
 *   the longest path;
 * - `request`: the request's order.
 * A move that waits for others always comes after them.
 */
function executionOrder(placed: readonly Placed[], alone: readonly AloneEstimate[], limitsOf: (host: string) => HostLimits, rule: OrderRule): number[] {
  const idx = placed.map((_, i) => i);
  // A move waits only for moves placed before it, so one backward pass finds every longest path.
  const path = placed.map((_, i) => alone[i].totalSeconds);
  for (let i = placed.length - 1; i >= 0; i--) for (const a of placed[i].after) path[a] = Math.max(path[a], alone[a].totalSeconds + path[i]);
  if (rule === 'request') {
    idx.sort((a, b) => placed[a].ask.order - placed[b].ask.order);
  } else if (rule === 'critical') {
    idx.sort((a, b) => path[b] - path[a] || placed[a].ask.order - placed[b].ask.order);
  } else {
    const load = new Map<string, number>();
    const needs = placed.map((p) => slotsNeeded(moveKindOf(p.transferType), p.source.name, p.dest.name));
    needs.forEach((ns, i) => {
      for (const n of ns) {
        const k = `${nameKey(n.host)}\u0000${n.kind}`;
        load.set(k, (load.get(k) ?? 0) + alone[i].totalSeconds / Math.max(1, limitsOf(n.host)[n.kind]));
      }
    });
    const weight = needs.map((ns) => Math.max(...ns.map((n) => load.get(`${nameKey(n.host)}\u0000${n.kind}`) ?? 0)));
    idx.sort((a, b) => weight[b] - weight[a] || path[b] - path[a] || placed[a].ask.order - placed[b].ask.order);
  }
  const out: number[] = [];
  const emitted = new Set<number>();
  const pending = [...idx];
  while (pending.length) {
    const at = pending.findIndex((i) => placed[i].after.every((a) => emitted.has(a)));
    const i = pending.splice(at === -1 ? 0 : at, 1)[0];
    out.push(i);
    emitted.add(i);
  }
  return out;
}

/** The timeline's lanes: each host slot in use, with its moves, a move on the lowest slot free when it starts. */
function lanesOf(moves: readonly PlannedMove[]): PlanLane[] {
  const lanes = new Map<string, PlanLane[]>();
  const sorted = [...moves].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const busyUntil = new Map<PlanLane, number>();
  for (const m of sorted) {
    for (const need of slotsNeeded(m.kind, m.from, m.to)) {
      const key = `${nameKey(need.host)}\u0000${need.kind}`;
      const list = lanes.get(key) ?? [];
      let lane = list.find((l) => (busyUntil.get(l) ?? 0) <= m.start + 1e-9);
      if (!lane) {
        lane = { host: need.host, kind: need.kind, slot: list.length + 1, moves: [] };
        list.push(lane);
        lanes.set(key, list);
      }
      lane.moves.push(m.id);
      busyUntil.set(lane, m.end);
    }
  }
  return [...lanes.values()].flat().sort((a, b) => a.host.localeCompare(b.host) || a.kind.localeCompare(b.kind) || a.slot - b.slot);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
