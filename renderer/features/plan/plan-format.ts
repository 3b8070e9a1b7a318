import type { Host, InventoryDocument } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { hostLimits, type HostLimits } from '../../../shared/model/migration-slots.js';
import type { Plan, PlannedMove, PlanRequest, PlanWhatIf } from '../../../shared/model/plan.js';
import type { Translator } from '../../i18n/translator.js';
import { compareNames } from '../../components/compare-names.js';

/** Round steps for the time axis, in seconds: 1 s up to a day. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The time axis of a timeline: where it ends (a whole step past the last event) and its ticks. */
export interface TimeAxis {
  end: number;
  ticks: number[];
}

/** A time axis from 0 that holds `seconds` with at most `maxTicks` round intervals. */
export function timeAxis(seconds: number, maxTicks = 8): TimeAxis {
  const span = Math.max(seconds, 1);
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 86400) * 86400;
  const end = Math.max(step, Math.ceil(span / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= end + 1e-9; t += step) ticks.push(t);
  return { end, ticks };
}

/** A tick's time, short: "30 s", "2 min", "1 min 30 s", "1 h", "1 h 30 min". */
export function formatTick({ t }: Pick<Translator, 't'>, seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return t('unit.seconds', { value: String(s) });
  if (s < 3600) {
    return s % 60 === 0
      ? t('plan.unit.minutes', { value: String(s / 60) })
      : t('unit.minutesSeconds', { minutes: String(Math.floor(s / 60)), seconds: String(s % 60).padStart(2, '0') });
  }
  const minutes = Math.round(s / 60);
  return minutes % 60 === 0
    ? t('plan.unit.hours', { value: String(minutes / 60) })
    : t('unit.hoursMinutes', { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60).padStart(2, '0') });
}

/** Where the timeline must reach: the window, its bound, and the last save. */
export function timelineSpan(plan: Plan): number {
  return Math.max(plan.makespan, plan.lowerBound, ...plan.saves.map((s) => s.end), 0);
}

/** The hosts a plan involves (its lanes, its moves' ends, the evacuated host, what cannot move), by name. */
export function planHosts(plan: Plan | null, request: PlanRequest, whatIf: PlanWhatIf): string[] {
  const byKey = new Map<string, string>();
  const add = (name: string) => {
    if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  };
  if (request.kind === 'evacuate') add(request.host);
  if (request.kind === 'vms' && request.to !== 'auto') add(request.to);
  for (const lane of plan?.lanes ?? []) add(lane.host);
  for (const move of plan?.moves ?? []) {
    add(move.from);
    add(move.to);
  }
  // A host whose limit the admin changed stays listed, even when the plan no longer uses it.
  for (const name of Object.keys(whatIf.limits ?? {})) add(name);
  return [...byKey.values()].sort(compareNames);
}

/** A host's own migration limits (its cluster's maximum parallel migrations first), or null for a host not in the inventory. */
export function ownLimits(inventory: Pick<InventoryDocument, 'clusters'>, host: Host | undefined): HostLimits | null {
  if (!host) return null;
  const cluster = host.cluster ? (inventory.clusters.find((c) => c.name.toLowerCase() === host.cluster?.toLowerCase()) ?? null) : null;
  return hostLimits(host, cluster);
}

/**
 * The group's latest job for each VM (lowercase name): what a planned move turned into. `jobs` is
 * newest first, as the store keeps them.
 */
export function groupJobsByVm(jobs: readonly Job[], groupId: string | null): Map<string, Job> {
  const byVm = new Map<string, Job>();
  if (!groupId) return byVm;
  for (const job of jobs) {
    if (job.groupId !== groupId) continue;
    const key = job.target.toLowerCase();
    if (!byVm.has(key)) byVm.set(key, job);
  }
  return byVm;
}

/** One VM whose destination differs between two plans (null: the plan does not move it). */
export interface DestinationDifference {
  vm: string;
  current: string | null;
  saved: string | null;
}

/** The VMs two plans send to different hosts (or that only one of them moves), by VM name. */
export function differingDestinations(current: Plan, saved: Plan): DestinationDifference[] {
  const to = (plan: Plan) => new Map(plan.moves.map((m) => [m.vm.toLowerCase(), m]));
  const a = to(current);
  const b = to(saved);
  const names = new Map<string, string>();
  for (const m of [...current.moves, ...saved.moves]) if (!names.has(m.vm.toLowerCase())) names.set(m.vm.toLowerCase(), m.vm);
  const out: DestinationDifference[] = [];
  for (const [key, vm] of names) {
    const x = a.get(key)?.to ?? null;
    const y = b.get(key)?.to ?? null;
    if ((x ?? '').toLowerCase() !== (y ?? '').toLowerCase()) out.push({ vm, current: x, saved: y });
  }
  return out.sort((p, q) => compareNames(p.vm, q.vm));
}

/** Whether the what-ifs change anything (a reset has nothing to do otherwise). */
export function whatIfSet(whatIf: PlanWhatIf): boolean {
  return (
    Object.keys(whatIf.limits ?? {}).length > 0 ||
    (whatIf.performanceOption ?? null) !== null ||
    (whatIf.bandwidthCapGbps ?? null) !== null ||
    whatIf.naive === true
  );
}

/** Whether two planned moves show the same (a new plan repeats most moves as new objects). */
export function sameMove(x: PlannedMove, y: PlannedMove): boolean {
  return (
    x === y ||
    (x.id === y.id &&
      x.vm === y.vm &&
      x.from === y.from &&
      x.to === y.to &&
      x.start === y.start &&
      x.end === y.end &&
      x.downtime === y.downtime &&
      x.transferType === y.transferType &&
      x.performanceOption === y.performanceOption &&
      x.risk === y.risk &&
      x.convergence === y.convergence &&
      x.after.join() === y.after.join() &&
      x.follows.join() === y.follows.join() &&
      x.rule?.message === y.rule?.message)
  );
}
