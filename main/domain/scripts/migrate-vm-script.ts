import type { InventoryDocument, PerformanceOption } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import { assertNever, err, ok, type Result } from '../../../shared/model/result.js';
import { isLabHost } from '../lab/lab-estate.js';
import { sameCluster } from '../placement/placement-index.js';
import { transferMovesStorage } from '../placement/transfer-type.js';
import { nameKey } from '../storage-paths/names.js';
import { buildStorageIndex, defaultStorageLocation } from '../storage-paths/storage-index.js';
import { vmDiskTargets } from '../storage-paths/vm-disk-placement.js';
import { vmFolderIn } from '../storage-paths/vm-storage.js';
import { labVmMigrationScript } from './lab-script.js';
import { psLiteral } from './ps-literal.js';
import { findVmAndHost, hostAddress, performanceOptionLines, scriptModuleFor, scriptText, vmmLookupLines, type ScriptModule } from './script-parts.js';

/** What the Migrate Virtual Machine wizard's Summary page knows when the admin clicks View Script. */
export interface VmMigrationScriptRequest {
  vm: string;
  destinationHost: string;
  /** The transfer type Select Host gave the destination. */
  transferType: TransferType;
  /** Where storage goes for Live (VSM) and Network; default: the destination's first known default location. */
  destinationPath?: string | null;
  /**
   * VHDs placed individually (storage moves only), already checked: each VM disk path to its folder on the
   * destination. The other VHDs and the configuration go to `location\VM name`.
   */
  diskDestinations?: Readonly<Record<string, string>> | null;
  /** A per-migration performance option; Set-VMHost lines appear for each host whose own option differs. */
  performanceOption?: PerformanceOption | null;
  /** Forces a module; by default VMM's when the inventory came from VMM (section 7). */
  module?: ScriptModule;
}

/**
 * The PowerShell of a VM migration for View Script (migration-rules.md section 7). Hyper-V module: Get-VM -Id, then Move-VM -VM
 * -DestinationHost (with -IncludeStorage -DestinationStoragePath `location\VM name` when storage moves); a highly
 * available VM moving between nodes of its cluster goes through its cluster role (Move-ClusterVirtualMachineRole),
 * as Hyper-V leaves clustered VMs to the cluster, after Move-VMStorage on the source node when its storage moves too. VMM module:
 * Get-SCVirtualMachine, Get-SCVMHost and Move-SCVirtualMachine -RunAsynchronously, with -UseCluster for
 * moves inside a cluster and -Path -UseLAN when files are copied. VHDs placed individually: Move-VM
 * -VirtualMachinePath `location\VM name` -Vhds (every VHD's source and destination file); with VMM, a
 * Move-SCVirtualHardDisk per placed VHD in the job group of the Move-SCVirtualMachine. Every inventory value is a `psLiteral`;
 * comments carry no inventory value (a newline in a name would end the comment). Between QEMU lab hosts: the QMP
 * steps Ferry takes (`labVmMigrationScript`).
 */
export function vmMigrationScript(request: VmMigrationScriptRequest, inventory: InventoryDocument): Result<string> {
  const index = buildStorageIndex(inventory);
  const found = findVmAndHost(index, request.vm);
  if (!found.ok) return found;
  const { vm, host: source } = found.value;
  const dest = index.hosts.get(nameKey(request.destinationHost));
  if (!dest) return err('host-not-found', `No host named "${request.destinationHost}" is in the inventory.`);
  if (dest === source) return err('same-host', `${vm.name} is already on ${dest.name}: pick another destination, or use Migrate Storage to move its files.`);

  const type = request.transferType;
  // Between QEMU lab hosts Ferry speaks QMP: the script says what it sends instead.
  if (isLabHost(source) && isLabHost(dest))
    return ok(labVmMigrationScript(type, request.performanceOption ?? source.liveMigration.performanceOption, source, dest, vm.disks.length));
  const movesStorage = transferMovesStorage(type);
  const location = movesStorage ? (request.destinationPath ?? defaultStorageLocation(dest, index)?.path ?? null) : null;
  if (movesStorage && location === null) {
    return err('destination-path-required', `${dest.name} has no default storage location Ferry knows: choose a destination path on Select Path.`);
  }
  const placed = location !== null && request.diskDestinations && Object.keys(request.diskDestinations).length > 0 ? request.diskDestinations : null;
  const withinCluster = vm.highlyAvailable && sameCluster(source, dest);
  const module = request.module ?? scriptModuleFor(inventory);
  const perf = performanceOptionLines(type === 'Live' || type === 'Live (VSM)' ? request.performanceOption : null, [source, dest]);
  const lines = [`# Ferry: migrate a virtual machine, transfer type ${type} (${module === 'vmm' ? 'VMM' : 'Hyper-V'} module).`, ...perf.set];

  switch (module) {
    case 'vmm': {
      const flags = [
        ...(location !== null ? [`-Path ${psLiteral(location)}`, '-UseLAN'] : []),
        ...(withinCluster && (type === 'Live' || type === 'Quick') ? ['-UseCluster'] : []),
        '-RunAsynchronously',
      ];
      lines.push(...vmmLookupLines(vm, dest));
      if (placed && location !== null) {
        // VMM places a VHD on its own folder with Move-SCVirtualHardDisk in the same job group as the VM's move.
        lines.push(
          '# VHDs placed individually: each one joins the job group of the move; the others go with the VM to -Path.',
          '$jobGroup = [guid]::NewGuid()',
        );
        for (const disk of vmDiskTargets(vm, location, placed).filter((d) => d.from in placed)) {
          lines.push(
            `$vhd = Get-SCVirtualHardDisk -VM $vm | Where-Object { $_.Location -eq ${psLiteral(disk.from)} }`,
            `Move-SCVirtualHardDisk -VirtualHardDisk $vhd -Path ${psLiteral(disk.folder)} -JobGroup $jobGroup`,
          );
        }
        flags.splice(flags.length - 1, 0, '-JobGroup $jobGroup');
      }
      lines.push(`Move-SCVirtualMachine -VM $vm -VMHost $vmHost ${flags.join(' ')}`);
      if (perf.set.length > 0) lines.push('# The job runs asynchronously: once it completes, set the performance option above back on each host (Set-VMHost).');
      break;
    }
    case 'hyperv':
      // The VM goes by its id (Hyper-V's -Name takes wildcards: web[1] would address web1).
      if (withinCluster) {
        // Move-VM refuses a clustered VM: between nodes of its cluster the cluster moves the role. Storage that
        // moves too goes first, on the source node, as Failover Cluster Manager's Move > Virtual Machine Storage does.
        if (location !== null) {
          lines.push(`$vm = Get-VM -ComputerName ${psLiteral(hostAddress(source))} -Id ${psLiteral(vm.id)}`);
          if (placed) {
            const vhds = vmDiskTargets(vm, location, placed).map(
              (d) => `@{ 'SourceFilePath' = ${psLiteral(d.from)}; 'DestinationFilePath' = ${psLiteral(d.to)} }`,
            );
            lines.push(`Move-VMStorage -VM $vm -VirtualMachinePath ${psLiteral(vmFolderIn(location, vm))} -Vhds @(${vhds.join(', ')})`);
          } else {
            lines.push(`Move-VMStorage -VM $vm -DestinationStoragePath ${psLiteral(vmFolderIn(location, vm))}`);
          }
        }
        const migrationType = type === 'Live' || type === 'Live (VSM)' ? 'Live' : 'Quick';
        lines.push(
          `Move-ClusterVirtualMachineRole -Cluster ${psLiteral(dest.cluster ?? '')} -VMId ${psLiteral(vm.id)} -Node ${psLiteral(dest.name)} -MigrationType ${migrationType}`,
        );
      } else {
        // Move-VM refuses a clustered VM: its role leaves the source cluster first (its files stay).
        if (vm.highlyAvailable && source.cluster !== null)
          lines.push(`Remove-ClusterGroup -Cluster ${psLiteral(source.cluster)} -VMId ${psLiteral(vm.id)} -RemoveResources -Force`);
        // -IncludeStorage belongs to Move-VM's single-destination parameter sets; VHDs placed one by one take
        // -VirtualMachinePath and -Vhds instead. -IncludeStorage:$false settles the parameter set of a move without storage.
        let storage = ' -IncludeStorage:$false';
        if (location !== null && placed) {
          const vhds = vmDiskTargets(vm, location, placed).map(
            (d) => `@{ 'SourceFilePath' = ${psLiteral(d.from)}; 'DestinationFilePath' = ${psLiteral(d.to)} }`,
          );
          storage = ` -VirtualMachinePath ${psLiteral(vmFolderIn(location, vm))} -Vhds @(${vhds.join(', ')})`;
        } else if (location !== null) {
          storage = ` -IncludeStorage -DestinationStoragePath ${psLiteral(vmFolderIn(location, vm))}`;
        }
        lines.push(
          `$vm = Get-VM -ComputerName ${psLiteral(hostAddress(source))} -Id ${psLiteral(vm.id)}`,
          `Move-VM -VM $vm -DestinationHost ${psLiteral(hostAddress(dest))}${storage}`,
        );
        // Between clusters, the VM becomes a role of the destination's cluster: highly available there.
        if (vm.highlyAvailable && dest.cluster !== null)
          lines.push(`Add-ClusterVirtualMachineRole -Cluster ${psLiteral(dest.cluster)} -VMId ${psLiteral(vm.id)}`);
      }
      lines.push(...perf.restore);
      break;
    default:
      return assertNever(module);
  }
  return ok(scriptText(lines));
}
