import type { Vm } from '../../../shared/model/inventory.js';
import { useAppStore } from '../../store/store-context.js';
import { vmNeedsStartForLive } from '../migrate-vm-wizard/vm-wizard-draft.js';

/** What the admin can do with the selected VM, for the ribbon and the VM list's context menu. */
export interface VmActions {
  vm: Vm | null;
  canMigrate: boolean;
  /** Start applies to a VM that is not running. */
  canStart: boolean;
  migrateVm(): void;
  migrateStorage(): void;
  start(): void;
}

/** The selected VM's actions: Migrate Virtual Machine, Migrate Storage and Start. */
export function useVmActions(): VmActions {
  const vm = useAppStore((s) => (s.selectedVmId ? (s.index?.vmById.get(s.selectedVmId) ?? null) : null));
  const openWizard = useAppStore((s) => s.openWizard);
  const startVm = useAppStore((s) => s.startVm);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const selectJob = useAppStore((s) => s.selectJob);
  return {
    vm,
    canMigrate: vm !== null,
    canStart: vm !== null && vmNeedsStartForLive(vm.state),
    migrateVm: () => vm && openWizard('migrate-vm', vm.id),
    migrateStorage: () => vm && openWizard('migrate-storage', vm.id),
    start: () => {
      if (!vm) return;
      void startVm(vm.name).then((result) => {
        if (result.ok) selectJob(result.value.id);
        else pushNotice({ intent: 'error', key: 'vm.startFailed', params: { vm: vm.name, message: result.error.message } });
      });
    },
  };
}
