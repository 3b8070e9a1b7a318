import type { InventoryDocument } from '../../../shared/model/inventory.js';
import { assertNever, err, ok, type Result } from '../../../shared/model/result.js';
import { isLabHost } from '../lab/lab-estate.js';
import { buildStorageIndex } from '../storage-paths/storage-index.js';
import { checkStoragePlan, type StorageMovePlan, type StoragePlanOptions } from '../storage-paths/storage-plan.js';
import { vmFolderIn } from '../storage-paths/vm-storage.js';
import { labStorageMigrationScript } from './lab-script.js';
import { psLiteral } from './ps-literal.js';
import { findVmAndHost, hostAddress, scriptModuleFor, scriptText, vmmLookupLines, type ScriptModule } from './script-parts.js';

/**
 * The PowerShell of a Migrate Storage plan for View Script (migration-rules.md section 7), once the plan passes
 * `checkStoragePlan` (otherwise an error with code `storage-plan-invalid` lists the problems). Hyper-V module:
 * Get-VM -Id, then Move-VMStorage -VM -DestinationStoragePath for the whole VM, or -VirtualMachinePath and -Vhds (source and
 * destination file per disk) for VHDs placed individually. VMM module: Move-SCVirtualMachine -Path to the same
 * host, with Move-SCVirtualHardDisk per disk in one job group. Every inventory value is a `psLiteral`. On a QEMU
 * lab host: the QMP steps Ferry takes (`labStorageMigrationScript`).
 */
export function storageMigrationScript(
  plan: StorageMovePlan,
  inventory: InventoryDocument,
  options: StoragePlanOptions & { module?: ScriptModule } = {},
): Result<string> {
  const index = buildStorageIndex(inventory);
  const found = findVmAndHost(index, plan.vm);
  if (!found.ok) return found;
  const { vm, host } = found.value;
  const check = checkStoragePlan(plan, index, options);
  if (!check.valid) {
    return err('storage-plan-invalid', check.problems.map((p) => p.message).join(' '), { problems: check.problems });
  }
  if (isLabHost(host)) return ok(labStorageMigrationScript(check.moves.filter((m) => m.kind === 'disk').length));
  const module = options.module ?? scriptModuleFor(inventory);
  const lines = [`# Ferry: migrate storage of a virtual machine (${module === 'vmm' ? 'VMM' : 'Hyper-V'} module).`];
  const diskMoves = check.moves.filter((m) => m.kind === 'disk');
  const configMove = check.moves.find((m) => m.kind === 'configuration');

  switch (module) {
    case 'hyperv': {
      // The VM goes by its id (Hyper-V's -Name takes wildcards: web[1] would address web1).
      lines.push(`$vm = Get-VM -ComputerName ${psLiteral(hostAddress(host))} -Id ${psLiteral(vm.id)}`);
      const target = 'Move-VMStorage -VM $vm';
      if (plan.scope === 'whole-vm') {
        lines.push(`${target} -DestinationStoragePath ${psLiteral(vmFolderIn(plan.path, vm))}`);
        break;
      }
      const parts = [target];
      if (configMove) parts.push(`-VirtualMachinePath ${psLiteral(configMove.to)}`);
      if (diskMoves.length > 0) {
        const vhds = diskMoves.map((m) => `@{ 'SourceFilePath' = ${psLiteral(m.from)}; 'DestinationFilePath' = ${psLiteral(m.to)} }`);
        parts.push(`-Vhds @(${vhds.join(', ')})`);
      }
      lines.push(parts.join(' '));
      break;
    }
    case 'vmm': {
      lines.push(...vmmLookupLines(vm, host));
      if (plan.scope === 'whole-vm') {
        lines.push(`Move-SCVirtualMachine -VM $vm -VMHost $vmHost -Path ${psLiteral(plan.path)} -RunAsynchronously`);
        break;
      }
      lines.push('$jobGroup = [guid]::NewGuid()');
      for (const move of diskMoves) {
        lines.push(
          `$vhd = Get-SCVirtualHardDisk -VM $vm | Where-Object { $_.Location -eq ${psLiteral(move.from)} }`,
          `Move-SCVirtualHardDisk -VirtualHardDisk $vhd -Path ${psLiteral(move.destination)} -JobGroup $jobGroup`,
        );
      }
      lines.push(
        `Move-SCVirtualMachine -VM $vm -VMHost $vmHost -Path ${psLiteral(configMove?.to ?? vm.configurationPath)} -JobGroup $jobGroup -RunAsynchronously`,
      );
      break;
    }
    default:
      return assertNever(module);
  }
  return ok(scriptText(lines));
}
