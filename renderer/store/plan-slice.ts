import type { OptimizeRequest } from '../../shared/model/optimize.js';
import type { MaintenanceSavedVms, MaintenanceStop, Plan, PlanRequest, PlanRun, PlanWhatIf, SavedPlan } from '../../shared/model/plan.js';
import { err, type ErrorDto, type Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** What the plan view is for: a plan of chosen VMs (Run), or a host's evacuation for maintenance (Confirm). */
export type PlanMode = 'plan' | 'maintenance';

/** The plan the admin is looking at: what to plan, and the what-ifs to plan it with. */
export interface PlanViewState {
  mode: PlanMode;
  request: PlanRequest;
  whatIf: PlanWhatIf;
  /**
   * Optimize Hosts: the view asks `plan.optimize` with this (again on every what-if and estate change), and
   * `request` becomes the answer's chosen VMs pinned to their destinations (what Run, Save and the script take).
   */
  optimize?: OptimizeRequest;
}

/** A key that tells two requests apart (what-ifs included), to drop stale answers. */
export function planKey(request: PlanRequest | OptimizeRequest, whatIf: PlanWhatIf): string {
  return JSON.stringify([request, whatIf]);
}

/** The key of what a view asks: its Optimize Hosts request when it has one, else its plan request. */
function viewKey(view: PlanViewState): string {
  return planKey(view.optimize ?? view.request, view.whatIf);
}

/**
 * The plan view (Plan Migrations, Start Maintenance Mode): the request and its what-ifs, the last plan
 * answered (kept on screen while a new one is asked for), the run it turned into, and saved plans.
 */
export interface PlanSlice {
  planView: PlanViewState | null;
  /** The last plan answered for the view; it may answer an earlier what-if while `planLoading`. */
  plan: Plan | null;
  /** Counts the plans shown, so a view (or a benchmark) can tell a redraw from the one before. */
  planSeq: number;
  planLoading: boolean;
  planError: ErrorDto | null;
  /** Run (or Confirm) in flight. */
  planStarting: boolean;
  /** What Run or Confirm started: the group whose jobs the timeline follows. */
  planRun: PlanRun | null;
  planRunError: ErrorDto | null;
  /** Saved plans as `plan.saved` last answered; null before the first answer. */
  savedPlans: SavedPlan[] | null;
  /** Opens the plan view on a request (with no what-if) and asks for its plan. */
  openPlan(request: PlanRequest, mode?: PlanMode): void;
  /** Opens the plan view on Optimize Hosts: the moves worth making, as a plan, with the balance before and after. */
  openOptimize(request: OptimizeRequest): void;
  closePlan(): void;
  /** Changes the request or the what-ifs and plans again; the plan on screen stays until the new one comes. */
  planChange(patch: { request?: PlanRequest; whatIf?: PlanWhatIf }): void;
  /** Asks `plan.create` for the view; calls made while one is in flight coalesce into one more, with the latest what-ifs. */
  planRefresh(): Promise<void>;
  /** Run (`plan.run`) or Confirm (`maintenance.start`): the moves become jobs of one group. */
  planStart(): Promise<Result<PlanRun>>;
  /** The view's plan as one PowerShell script (`plan.script`). */
  planScript(): Promise<Result<string>>;
  /** Saves the view's plan under a name. */
  planSave(name: string): Promise<Result<SavedPlan>>;
  /** Reads the saved plans. */
  plansSavedLoad(): Promise<void>;
  /** The host whose Stop Maintenance Mode dialog is open, or null. */
  maintenanceStopHost: string | null;
  /** Opens the Stop Maintenance Mode dialog for a host. */
  maintenanceStopOpen(host: string): void;
  maintenanceStopClose(): void;
  /** The VMs the host's evacuation saved that are still saved there (`maintenance.savedVms`). */
  maintenanceSavedVms(host: string): Promise<Result<MaintenanceSavedVms>>;
  /** Stop Maintenance Mode on a host, as a job, starting the chosen saved VMs; says so, and closes the dialog when it went. */
  maintenanceStop(host: string, startVms?: string[]): Promise<Result<MaintenanceStop>>;
}

/** Creates the plan slice. */
export const createPlanSlice: SliceCreator<PlanSlice> = (set, get, backend) => {
  let inFlight: Promise<void> | null = null;
  let again = false;

  // Bumped by every open and close: an answer for an earlier view is for nothing on screen.
  let generation = 0;

  const askOnce = async (): Promise<void> => {
    const view = get().planView;
    if (!view || get().planRun) return;
    const asked = generation;
    const key = viewKey(view);
    const result = view.optimize
      ? await backend.invoke('plan.optimize', { request: view.optimize, whatIf: view.whatIf })
      : await backend.invoke('plan.create', { request: view.request, whatIf: view.whatIf });
    const now = get().planView;
    if (!now || asked !== generation || get().planRun) return;
    if (result.ok) {
      // Optimize Hosts answers its chosen VMs pinned to their destinations: what Run, Save and the script take.
      const pinned = now.optimize && viewKey(now) === key ? { planView: { ...now, request: result.value.request } } : {};
      set({ plan: result.value, planSeq: get().planSeq + 1, planError: null, ...pinned });
    } else set({ planError: result.error });
    if (viewKey(now) !== key) again = true;
  };

  return {
    planView: null,
    plan: null,
    planSeq: 0,
    planLoading: false,
    planError: null,
    planStarting: false,
    planRun: null,
    planRunError: null,
    savedPlans: null,
    openPlan: (request, mode = 'plan') => {
      generation++;
      set({ planView: { mode, request, whatIf: {} }, plan: null, planError: null, planRun: null, planRunError: null, planStarting: false });
      void get().planRefresh();
    },
    openOptimize: (request) => {
      generation++;
      set({
        planView: { mode: 'plan', request: { kind: 'vms', vms: [], to: 'auto' }, whatIf: {}, optimize: request },
        plan: null,
        planError: null,
        planRun: null,
        planRunError: null,
        planStarting: false,
      });
      void get().planRefresh();
    },
    closePlan: () => {
      generation++;
      set({ planView: null, plan: null, planError: null, planRun: null, planRunError: null });
    },
    planChange: (patch) => {
      const view = get().planView;
      if (!view || get().planRun) return;
      // A destination the admin changes by hand turns an Optimize Hosts plan into a plan of those VMs.
      const optimize = patch.request ? undefined : view.optimize;
      set({ planView: { mode: view.mode, request: patch.request ?? view.request, whatIf: patch.whatIf ?? view.whatIf, ...(optimize ? { optimize } : {}) } });
      void get().planRefresh();
    },
    planRefresh: () => {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      set({ planLoading: true });
      inFlight = (async () => {
        try {
          do {
            again = false;
            await askOnce();
          } while (again);
        } finally {
          inFlight = null;
          set({ planLoading: false });
        }
      })();
      return inFlight;
    },
    planStart: async () => {
      const view = get().planView;
      if (!view) return err('no-plan', 'No plan is open.');
      if (get().planStarting || get().planRun) return err('plan-started', 'This plan is already running.');
      set({ planStarting: true, planRunError: null });
      const { request, whatIf } = view;
      const result =
        view.mode === 'maintenance' && request.kind === 'evacuate'
          ? await backend.invoke('maintenance.start', { host: request.host, cannotMove: request.cannotMove, whatIf })
          : await backend.invoke('plan.run', { request, whatIf });
      if (!result.ok) {
        set({ planStarting: false, planRunError: result.error });
        return result;
      }
      const run = result.value;
      // An Optimize Hosts plan keeps its picture and reasons while its moves run.
      const optimize = view.optimize ? get().plan?.optimize : undefined;
      set({ planStarting: false, planRun: run, plan: optimize ? { ...run.plan, optimize } : run.plan, planSeq: get().planSeq + 1, planError: null });
      get().mergeJobs(run.jobs);
      // The timeline turns into jobs: the Jobs pane shows them too.
      get().setJobsPaneOpen(true);
      if (view.mode === 'maintenance' && request.kind === 'evacuate') {
        get().pushNotice({ intent: 'success', key: 'maint.started', params: { host: request.host, moves: run.plan.moves.length } });
        void get().refreshInventory();
      } else {
        get().pushNotice({ intent: 'success', key: 'plan.runStarted', params: { name: run.group.name, moves: run.jobs.length } });
      }
      return result;
    },
    planScript: async () => {
      const view = get().planView;
      if (!view) return err('no-plan', 'No plan is open.');
      return backend.invoke('plan.script', { request: view.request, whatIf: view.whatIf });
    },
    planSave: async (name) => {
      const view = get().planView;
      if (!view) return err('no-plan', 'No plan is open.');
      const result = await backend.invoke('plan.save', {
        name,
        request: view.request,
        whatIf: view.whatIf,
        ...(view.optimize ? { optimize: view.optimize } : {}),
      });
      if (result.ok) {
        set({ savedPlans: [result.value, ...(get().savedPlans ?? []).filter((p) => p.id !== result.value.id)] });
        get().pushNotice({ intent: 'success', key: 'plan.saved', params: { name: result.value.name } });
      }
      return result;
    },
    plansSavedLoad: async () => {
      const result = await backend.invoke('plan.saved', {});
      if (result.ok) set({ savedPlans: result.value });
      else get().pushNotice({ intent: 'error', key: 'plan.savedFailed', params: { message: result.error.message } });
    },
    maintenanceStopHost: null,
    maintenanceStopOpen: (host) => set({ maintenanceStopHost: host }),
    maintenanceStopClose: () => set({ maintenanceStopHost: null }),
    maintenanceSavedVms: (host) => backend.invoke('maintenance.savedVms', { host }),
    maintenanceStop: async (host, startVms = []) => {
      const result = await backend.invoke('maintenance.stop', startVms.length > 0 ? { host, startVms } : { host });
      if (result.ok) {
        const { job, starts } = result.value;
        if (starts.length > 0) get().pushNotice({ intent: 'success', key: 'maint.stoppedStarting', params: { host: job.target, count: starts.length } });
        else get().pushNotice({ intent: 'success', key: 'maint.stopped', params: { host: job.target } });
        if (get().maintenanceStopHost === host) set({ maintenanceStopHost: null });
        void get().refreshInventory();
      } else {
        get().pushNotice({ intent: 'error', key: 'maint.stopFailed', params: { host, message: result.error.message } });
      }
      return result;
    },
  };
};
