import type { InvokeArgs, InvokeResults } from '../../shared/contract/invoke.js';
import type { Job } from '../../shared/model/job.js';
import type { PlanRequest } from '../../shared/model/plan.js';
import type { Result } from '../../shared/model/result.js';
import { newStorageWizardDraft, type StorageWizardDraft } from '../features/migrate-storage-wizard/storage-wizard-draft.js';
import { newVmWizardDraft, type VmWizardDraft } from '../features/migrate-vm-wizard/vm-wizard-draft.js';
import { newMultiVmWizardDraft, type MultiVmWizardDraft } from '../features/migrate-vm-wizard/multi-vm-wizard-draft.js';
import type { SliceCreator } from './app-store.js';

/** The two migration wizards. */
export type WizardKind = 'migrate-vm' | 'migrate-storage';

/** The wizard open now: which one, for which VM (or VMs), and its pages' state. */
export type WizardSession =
  | { id: number; kind: 'migrate-vm'; vmId: string; draft: VmWizardDraft }
  | { id: number; kind: 'migrate-storage'; vmId: string; draft: StorageWizardDraft }
  | { id: number; kind: 'migrate-vms'; vmIds: readonly string[]; draft: MultiVmWizardDraft };

/** The requests the wizards make. */
export type WizardChannel =
  | 'placement.selectHosts'
  | 'storage.locations'
  | 'storage.checkPath'
  | 'storage.checkPlan'
  | 'script.vmMigration'
  | 'script.storageMigration'
  | 'plan.create'
  | 'plan.script';

/** The open wizard, and the actions that drive it and the VM's Start. */
export interface WizardSlice {
  wizard: WizardSession | null;
  openWizard(kind: WizardKind, vmId: string): void;
  closeWizard(): void;
  patchVmWizard(patch: Partial<VmWizardDraft>): void;
  patchStorageWizard(patch: Partial<StorageWizardDraft>): void;
  /** The Migrate VM Wizard for several VMs at once (one VM: the usual wizard). */
  openMultiVmWizard(vmIds: readonly string[]): void;
  patchMultiVmWizard(patch: Partial<MultiVmWizardDraft>): void;
  /**
   * Move for several VMs: runs the plan (`plan.run`) as one job group. On success its jobs and group join
   * the Jobs pane, the group selected, and the wizard closes; on failure the error stays on Summary.
   */
  submitPlan(request: PlanRequest): Promise<void>;
  /** A wizard's read-only request (Select Host, paths, plan checks, scripts). */
  wizardRequest<C extends WizardChannel>(channel: C, args: InvokeArgs[C]): Promise<Result<InvokeResults[C]>>;
  /**
   * Move: hands the migration to the backend. On success the job joins the Jobs pane, selected, and the
   * wizard closes; on failure the error is kept on the wizard's Summary page.
   */
  submitMigration(args: InvokeArgs['migration.submit']): Promise<void>;
  /** Starts a VM that is not running (`vm.start`); its job joins the Jobs pane. */
  startVm(vmName: string): Promise<Result<Job>>;
}

let sessionId = 0;

/** Creates the wizard slice. */
export const createWizardSlice: SliceCreator<WizardSlice> = (set, get, backend) => {
  const patchDraft = (kind: WizardSession['kind'], patch: object) => {
    const wizard = get().wizard;
    if (!wizard || wizard.kind !== kind) return;
    set({ wizard: { ...wizard, draft: { ...wizard.draft, ...patch } } as WizardSession });
  };

  return {
    wizard: null,
    openWizard: (kind, vmId) =>
      set({
        wizard:
          kind === 'migrate-vm' ? { id: ++sessionId, kind, vmId, draft: newVmWizardDraft() } : { id: ++sessionId, kind, vmId, draft: newStorageWizardDraft() },
      }),
    closeWizard: () => set({ wizard: null }),
    patchVmWizard: (patch) => patchDraft('migrate-vm', patch),
    patchStorageWizard: (patch) => patchDraft('migrate-storage', patch),
    openMultiVmWizard: (vmIds) => {
      const ids = [...new Set(vmIds)];
      if (ids.length === 0) return;
      if (ids.length === 1) get().openWizard('migrate-vm', ids[0]);
      else set({ wizard: { id: ++sessionId, kind: 'migrate-vms', vmIds: ids, draft: newMultiVmWizardDraft() } });
    },
    patchMultiVmWizard: (patch) => patchDraft('migrate-vms', patch),
    submitPlan: async (request) => {
      const wizard = get().wizard;
      if (!wizard || wizard.kind !== 'migrate-vms') return;
      const patch = (p: Partial<MultiVmWizardDraft>) => get().wizard?.id === wizard.id && patchDraft('migrate-vms', p);
      patch({ submitting: true, submitError: null });
      const result = await backend.invoke('plan.run', { request });
      if (!result.ok) {
        patch({ submitting: false, submitError: result.error });
        return;
      }
      const { group, jobs } = result.value;
      get().mergeJobs(jobs);
      get().mergeGroups([group]);
      get().toggleGroup(group.id, true);
      get().selectGroup(group.id);
      get().setJobsPaneOpen(true);
      if (get().wizard?.id === wizard.id) set({ wizard: null });
      get().requestJobsFocus();
      get().pushNotice({ intent: 'success', key: 'wizard.groupCreated', params: { name: group.name, count: jobs.length } });
    },
    wizardRequest: (channel, args) => backend.invoke(channel, args),
    submitMigration: async (args) => {
      const wizard = get().wizard;
      if (!wizard) return;
      const patch = (p: object) => get().wizard?.id === wizard.id && patchDraft(wizard.kind, p);
      patch({ submitting: true, submitError: null });
      const result = await backend.invoke('migration.submit', args);
      if (!result.ok) {
        patch({ submitting: false, submitError: result.error });
        return;
      }
      get().mergeJobs([result.value]);
      get().selectJob(result.value.id);
      get().setJobsPaneOpen(true);
      if (get().wizard?.id === wizard.id) set({ wizard: null });
      get().requestJobsFocus();
      get().pushNotice({
        intent: 'success',
        key: 'wizard.jobCreated',
        params: { name: result.value.name },
        ...(result.value.nameText ? { texts: { name: result.value.nameText } } : {}),
      });
    },
    startVm: async (vmName) => {
      const result = await backend.invoke('vm.start', { vm: vmName });
      if (result.ok) get().mergeJobs([result.value]);
      return result;
    },
  };
};
