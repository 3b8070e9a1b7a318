import type { Vm } from '../../../shared/model/inventory.js';
import { useAppStore } from '../../store/store-context.js';
import { vmNeedsStartForLive } from '../migrate-vm-wizard/vm-wizard-draft.js';
import { useT } from '../../i18n/use-translator.js';

/** What the admin can do with the selected VM, for the ribbon and the VM list's context menu. */
export interface VmActions {
  /** The one selected VM; null when none or several are selected. */
  vm: Vm | null;
  /** How many VMs are selected: Migrate Virtual Machine moves them all when there are several. */
  selectionCount: number;
  canMigrate: boolean;
  /** Migrate Storage acts on one VM. */
  canMigrateStorage: boolean;
  /** Start applies to a VM that is not running. */
  canStart: boolean;
  /** VM Properties shows one VM. */
  canOpenProperties: boolean;
  /** Keep apart… needs at least two VMs. */
  canKeepApart: boolean;
  keepApart(): void;
  migrateVm(): void;
  migrateStorage(): void;
  start(): void;
  openProperties(): void;
}

/** The selected VMs' actions: Migrate Virtual Machine (one VM, or several together), Migrate Storage, Start and Properties (one VM), Keep apart… (several). */
export function useVmActions(): VmActions {
  const vm = useAppStore((s) => (s.selectedVmId ? (s.index?.vmById.get(s.selectedVmId) ?? null) : null));
  const selectedVmIds = useAppStore((s) => s.selectedVmIds);
  const openWizard = useAppStore((s) => s.openWizard);
  const openMultiVmWizard = useAppStore((s) => s.openMultiVmWizard);
  const many = selectedVmIds.length > 1;
  const startVm = useAppStore((s) => s.startVm);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const { spoken } = useT();
  const selectJob = useAppStore((s) => s.selectJob);
  const openVmProperties = useAppStore((s) => s.openVmProperties);
  const openKeepApart = useAppStore((s) => s.openKeepApart);
  return {
    vm,
    selectionCount: selectedVmIds.length,
    canMigrate: vm !== null || many,
    canMigrateStorage: vm !== null,
    canStart: vm !== null && vmNeedsStartForLive(vm.state),
    canOpenProperties: vm !== null,
    canKeepApart: many,
    keepApart: () => many && openKeepApart(selectedVmIds),
    openProperties: () => vm && openVmProperties(vm.id),
    migrateVm: () => (many ? openMultiVmWizard(selectedVmIds) : vm && openWizard('migrate-vm', vm.id)),
    migrateStorage: () => vm && openWizard('migrate-storage', vm.id),
    start: () => {
      if (!vm) return;
      void startVm(vm.name).then((result) => {
        if (result.ok) selectJob(result.value.id);
        else pushNotice({ intent: 'error', key: 'vm.startFailed', params: { vm: vm.name, message: spoken(result.error) } });
      });
    },
  };
}
