import type { PlanRequest } from '../../../shared/model/plan.js';
import type { ErrorDto } from '../../../shared/model/result.js';

/** The Migrate VM Wizard's pages for several VMs: Select Host (one row per VM), then Summary. */
export type MultiVmWizardPage = 'select-host' | 'summary';

/** The destination the planner picks: the best-rated host that still fits once earlier moves are counted. */
export const AUTO_HOST = 'auto';

/** What the admin has chosen so far for several VMs. */
export interface MultiVmWizardDraft {
  page: MultiVmWizardPage;
  /** Where every VM goes unless its row says otherwise: a host ("Pin all to host…"), or `auto`. */
  to: string;
  /** Rows the admin changed: VM name → host name, or `auto` when every other row is pinned. */
  perVm: Readonly<Record<string, string>>;
  submitting: boolean;
  submitError: ErrorDto | null;
}

/** A fresh draft: every VM to its best host. */
export function newMultiVmWizardDraft(): MultiVmWizardDraft {
  return { page: 'select-host', to: AUTO_HOST, perVm: {}, submitting: false, submitError: null };
}

/** The plan request the draft describes, for `plan.create`, `plan.script` and `plan.run`. */
export function multiVmPlanRequest(vms: readonly string[], draft: Pick<MultiVmWizardDraft, 'to' | 'perVm'>): PlanRequest {
  const perVm = Object.fromEntries(Object.entries(draft.perVm).filter(([vm, host]) => vms.includes(vm) && host !== draft.to));
  return { kind: 'vms', vms: [...vms], to: draft.to, ...(Object.keys(perVm).length > 0 ? { perVm } : {}) };
}

/** Where a VM's row points: its own choice, else the one for every VM. */
export function rowChoice(draft: Pick<MultiVmWizardDraft, 'to' | 'perVm'>, vm: string): string {
  return draft.perVm[vm] ?? draft.to;
}

/** The draft after the admin changed one row's destination (a host, or `auto`). */
export function withRowChoice(draft: Pick<MultiVmWizardDraft, 'to' | 'perVm'>, vm: string, host: string): Pick<MultiVmWizardDraft, 'perVm'> {
  const perVm = { ...draft.perVm };
  if (host === draft.to) delete perVm[vm];
  else perVm[vm] = host;
  return { perVm };
}
