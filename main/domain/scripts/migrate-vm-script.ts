import type { InventoryDocument, PerformanceOption } from '../../../shared/model/inventory.js';
import type { TransferType } from '../../../shared/model/placement.js';
import { assertNever, err, ok, type Result } from '../../../shared/model/result.js';
import { sameCluster } from '../placement/placement-index.js';
import { transferMovesStorage } from '../placement/transfer-type.js';
import { nameKey } from '../storage-paths/names.js';
import { buildStorageIndex, defaultStorageLocation } from '../storage-paths/storage-index.js';
import { vmFolderIn } from '../storage-paths/vm-storage.js';
import { psLiteral } from './ps-literal.js';
import {
  findVmAndHost,
  hostAddress,
  performanceOptionLines,
  scriptModuleFor,
  scriptText,
  vmmLookupLines,
  type ScriptModule,
} from './script-parts.js';

/** What the Migrate Virtual Machine wizard's Summary page knows when the admin clicks View Script. */
export interface VmMigrationScriptRequest {
  vm: string;
  destinationHost: string;
  /** The transfer type Select Host gave the destination. */
  transferType: TransferType;
  /** Where storage goes for Live (VSM) and Network; default: the destination's first known default location. */
  destinationPath?: string | null;
  /** A per-migration performance option; Set-VMHost lines appear for each host whose own option differs. */
  performanceOption?: PerformanceOption | null;
  /** Forces a module; by default VMM's when the inventory came from VMM (section 7). */
  module?: ScriptModule;
}

/**
 * The PowerShell of a VM migration for View Script (migration-rules.md section 7). Hyper-V module: Move-VM
 * -DestinationHost (with -IncludeStorage -DestinationStoragePath `location\VM name` when storage moves); a highly
 * available VM moving between nodes of its cluster (Live by rule 1, or Quick) goes through its cluster role
 * (Move-ClusterVirtualMachineRole), as Hyper-V leaves clustered VMs to the cluster. VMM module:
 * Get-SCVirtualMachine, Get-SCVMHost and Move-SCVirtualMachine -RunAsynchronously, with -UseCluster for
 * moves inside a cluster and -Path -UseLAN when files are copied. Every inventory value is a `psLiteral`;
 * comments carry no inventory value (a newline in a name would end the comment).
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
  const movesStorage = transferMovesStorage(type);
  const location = movesStorage ? (request.destinationPath ?? defaultStorageLocation(dest, index)?.path ?? null) : null;
  if (movesStorage && location === null) {
    return err('destination-path-required', `${dest.name} has no default storage location Ferry knows: choose a destination path on Select Path.`);
  }
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
      lines.push(...vmmLookupLines(vm, dest), `Move-SCVirtualMachine -VM $vm -VMHost $vmHost ${flags.join(' ')}`);
      if (perf.set.length > 0) lines.push('# The job runs asynchronously: once it completes, set the performance option above back on each host (Set-VMHost).');
      break;
    }
    case 'hyperv':
      if (withinCluster && (type === 'Live' || type === 'Quick')) {
        lines.push(`Move-ClusterVirtualMachineRole -Cluster ${psLiteral(dest.cluster ?? '')} -VMId ${psLiteral(vm.id)} -Node ${psLiteral(dest.name)} -MigrationType ${type}`);
      } else {
        if (vm.highlyAvailable) lines.push('# The VM is highly available: remove its role from the cluster first (Remove-ClusterGroup -RemoveResources), or Move-VM refuses it.');
        const storage = location !== null ? ` -IncludeStorage -DestinationStoragePath ${psLiteral(vmFolderIn(location, vm))}` : '';
        lines.push(`Move-VM -ComputerName ${psLiteral(hostAddress(source))} -Name ${psLiteral(vm.name)} -DestinationHost ${psLiteral(hostAddress(dest))}${storage}`);
      }
      lines.push(...perf.restore);
      break;
    default:
      return assertNever(module);
  }
  return ok(scriptText(lines));
}
