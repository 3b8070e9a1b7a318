import type { InvokeArgs } from '../../shared/contract/invoke.js';
import type { Job } from '../../shared/model/job.js';
import type { Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** The placement-rule edits the console makes (migration-rules.md section 8). */
export type PlacementRuleChannel = 'placementRules.vmSet' | 'placementRules.ruleSet' | 'placementRules.ruleRemove';

/** Placement-rule edits: a VM's owners and availability sets, affinity rules, Keep apart. */
export interface PlacementRulesSlice {
  /** The VMs (by id) of the Keep apart… dialog open now; null when closed. */
  keepApartVmIds: readonly string[] | null;
  /** Multi-select > Keep apart…: asks for a name and creates a DifferentNode rule of these VMs. */
  openKeepApart(vmIds: readonly string[]): void;
  closeKeepApart(): void;
  /** The cluster whose Affinity Rules dialog is open now; null when closed. */
  affinityRulesCluster: string | null;
  openAffinityRules(cluster: string): void;
  closeAffinityRules(): void;
  /**
   * Hands an edit to the backend, which checks it like an import and runs it as a job. On success the job
   * joins the Jobs pane, selected; an error (`rules-invalid` with every problem) is the dialog's to show.
   */
  submitPlacementRules<C extends PlacementRuleChannel>(channel: C, args: InvokeArgs[C]): Promise<Result<Job>>;
  /** View Script for a VM's placement edit: the cmdlets it runs on the VM's cluster. */
  placementScript(args: InvokeArgs['script.placementRules']): Promise<Result<string>>;
}

/** Creates the placement rules slice. */
export const createPlacementRulesSlice: SliceCreator<PlacementRulesSlice> = (set, get, backend) => ({
  keepApartVmIds: null,
  openKeepApart: (vmIds) => set({ keepApartVmIds: [...vmIds] }),
  closeKeepApart: () => set({ keepApartVmIds: null }),
  affinityRulesCluster: null,
  openAffinityRules: (cluster) => set({ affinityRulesCluster: cluster }),
  closeAffinityRules: () => set({ affinityRulesCluster: null }),
  submitPlacementRules: async (channel, args) => {
    const result = (await backend.invoke(channel, args)) as Result<Job>;
    if (result.ok) {
      get().mergeJobs([result.value]);
      get().selectJob(result.value.id);
      get().setJobsPaneOpen(true);
      get().pushNotice({
        intent: 'success',
        key: 'wizard.jobCreated',
        params: { name: result.value.name },
        ...(result.value.nameText ? { texts: { name: result.value.nameText } } : {}),
      });
    }
    return result;
  },
  placementScript: (args) => backend.invoke('script.placementRules', args),
});
