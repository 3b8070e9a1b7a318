import type { Plan, PlannedMove, UnmovableVm } from '../../../shared/model/plan.js';
import type { Translator } from '../../i18n/translator.js';
import { formatDuration } from '../jobs/job-format.js';

/** A predicted downtime: milliseconds under a second ("127 ms"), else seconds ("2.4 s"). */
export function formatDowntime(translator: Pick<Translator, 't' | 'formatNumber'>, seconds: number): string {
  if (seconds < 1) return translator.t('unit.ms', { value: translator.formatNumber(Math.max(0, seconds) * 1000) });
  return formatDuration(translator, seconds);
}

/** One VM's row of the multi-VM Select Host: its planned move, or why it cannot move. */
export type PlanRow = { vm: string; move: PlannedMove; unmovable: null } | { vm: string; move: null; unmovable: UnmovableVm | null };

/** The rows of a plan in the order the admin chose the VMs; a VM the plan does not mention has neither. */
export function planRows(vms: readonly string[], plan: Plan | null): PlanRow[] {
  const key = (name: string) => name.toLowerCase();
  const moves = new Map((plan?.moves ?? []).map((m) => [key(m.vm), m]));
  const unmovable = new Map((plan?.unmovable ?? []).map((u) => [key(u.vm), u]));
  return vms.map((vm) => {
    const move = moves.get(key(vm));
    return move ? { vm, move, unmovable: null } : { vm, move: null, unmovable: unmovable.get(key(vm)) ?? null };
  });
}

/** A plan's moves in the order they start (ties by the plan's order). */
export function movesByStart(plan: Plan): PlannedMove[] {
  const order = new Map(plan.moves.map((m, i) => [m.id, i]));
  return [...plan.moves].sort((a, b) => a.start - b.start || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
