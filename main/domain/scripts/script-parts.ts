import type { Host, InventoryDocument, PerformanceOption, Vm } from '../../../shared/model/inventory.js';
import { err, ok, type Result } from '../../../shared/model/result.js';
import { nameKey } from '../storage-paths/names.js';
import type { StorageIndex } from '../storage-paths/storage-index.js';
import { psLiteral } from './ps-literal.js';

/** The PowerShell module a script uses: VMM's when the inventory came from VMM, Hyper-V's otherwise. */
export type ScriptModule = 'vmm' | 'hyperv';

/** Picks the module of migration-rules.md section 7 from the inventory's `source`. */
export function scriptModuleFor(inventory: InventoryDocument): ScriptModule {
  return inventory.source === 'vmm' ? 'vmm' : 'hyperv';
}

/** The name a script reaches a host by: its FQDN when the inventory has one, else its name. */
export function hostAddress(host: Host): string {
  return host.fqdn.trim() !== '' ? host.fqdn : host.name;
}

/** Finds a VM and its host by name (ignoring case), or says which is missing. */
export function findVmAndHost(index: StorageIndex, vmName: string): Result<{ vm: Vm; host: Host }> {
  const vm = index.vms.get(nameKey(vmName));
  if (!vm) return err('vm-not-found', `No VM named "${vmName}" is in the inventory.`);
  const host = index.hosts.get(nameKey(vm.host));
  if (!host) return err('host-not-found', `${vm.name}'s host "${vm.host}" is not in the inventory.`);
  return ok({ vm, host });
}

/** The VMM lines that fetch the VM and a host into `$vm` and `$vmHost`. */
export function vmmLookupLines(vm: Vm, host: Host): string[] {
  return [`$vm = Get-SCVirtualMachine -Name ${psLiteral(vm.name)}`, `$vmHost = Get-SCVMHost -ComputerName ${psLiteral(hostAddress(host))}`];
}

/**
 * Set-VMHost lines for a per-migration performance option that differs from the hosts' own: `set` before the
 * move, `restore` after it (only a synchronous script can restore; an asynchronous one says to do it later).
 */
export function performanceOptionLines(option: PerformanceOption | null | undefined, hosts: readonly Host[]): { set: string[]; restore: string[] } {
  const set: string[] = [];
  const restore: string[] = [];
  if (!option) return { set, restore };
  for (const host of hosts) {
    if (host.liveMigration.performanceOption === option) continue;
    const address = psLiteral(hostAddress(host));
    set.push(`Set-VMHost -ComputerName ${address} -VirtualMachineMigrationPerformanceOption ${psLiteral(option)}`);
    restore.push(`Set-VMHost -ComputerName ${address} -VirtualMachineMigrationPerformanceOption ${psLiteral(host.liveMigration.performanceOption)}`);
  }
  return { set, restore };
}

/** Joins script lines with CRLF-free newlines and a final newline. */
export function scriptText(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}
