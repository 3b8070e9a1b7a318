import type { Host } from '../../../shared/model/inventory.js';
import type { HostBusy, Issue, TransferType, WarningCode } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';
import { formatGB } from '../storage-paths/amounts.js';
import { nameKey } from '../storage-paths/names.js';
import { sameCluster } from './placement-index.js';
import { describeDestination, haWindow, type StorageDestination, type TransferDecision } from './transfer-type.js';
import type { VmFacts } from './vm-facts.js';

/**
 * The slot kinds a transfer type takes (migration-rules.md section 4): live slots for Live and Quick; live and
 * storage slots for Live (VSM), and for Network, which Hyper-V runs as the same VM-and-storage move of a VM
 * that is not running.
 */
export function slotsTaken(type: TransferType): { live: boolean; storage: boolean } {
  switch (type) {
    case 'Live':
    case 'Quick':
      return { live: true, storage: false };
    case 'Live (VSM)':
    case 'Network':
      return { live: true, storage: true };
    default:
      return assertNever(type);
  }
}

/** What the warnings of one available (VM, destination) pair look at. */
export interface WarningInput {
  facts: VmFacts;
  dest: Host;
  decision: TransferDecision;
  storage: StorageDestination | null;
  busy: ReadonlyMap<string, HostBusy>;
}

/** Every warning of migration-rules.md 2.3 that applies to an available pair. */
export function placementWarnings({ facts, dest, decision, storage, busy }: WarningInput): Issue<WarningCode>[] {
  const warnings: Issue<WarningCode>[] = [];
  const { vm } = facts;
  if (vm.highlyAvailable && dest.cluster !== null && !sameCluster(facts.source, dest)) {
    warnings.push({
      code: 'loses-high-availability',
      message: `${vm.name} is highly available${facts.source.cluster ? ` in ${facts.source.cluster}` : ''} and ${dest.name} is in another cluster (${dest.cluster}): a host failure during the move makes it unavailable. ${haWindow(facts, dest, decision).replace(/^High availability: /, '')} Once the move ends it is a role of ${dest.cluster}, highly available there.`,
    });
  }
  if (vm.highlyAvailable && dest.cluster === null) {
    warnings.push({
      code: 'becomes-not-highly-available',
      message: `${vm.name} is highly available and ${dest.name} is a standalone host: after the move a failure of ${dest.name} stops it. Pick a cluster node to keep it highly available.`,
    });
  }
  if (decision.storageMoves) {
    const where = storage ? ` to ${describeDestination(storage)} on ${dest.name}` : ` to ${dest.name}`;
    warnings.push({
      code: 'storage-moves',
      message: `${formatGB(facts.diskGB)} of ${vm.name}'s files will be copied${where}: the move lasts as long as the copy. Choose another location on Select Path if this one is not right.`,
    });
  }
  const busyMessage = hostBusyMessage(facts.source, dest, decision.type, busy);
  if (busyMessage) warnings.push({ code: 'host-busy', message: busyMessage });
  return warnings;
}

function hostBusyMessage(source: Host, dest: Host, type: TransferType, busy: ReadonlyMap<string, HostBusy>): string | null {
  const slots = slotsTaken(type);
  const full: string[] = [];
  let position = 0;
  for (const [host, role] of [[source, 'source'], [dest, 'destination']] as const) {
    const info = busy.get(nameKey(host.name));
    if (!info) continue;
    const kinds = [
      ...(slots.live && info.liveInUse >= info.liveMax ? [`all ${info.liveMax} live migration slots`] : []),
      ...(slots.storage && info.storageInUse >= info.storageMax ? [`all ${info.storageMax} storage migration slots`] : []),
    ];
    if (kinds.length === 0) continue;
    full.push(`${host.name} (the ${role}) has ${kinds.join(' and ')} in use`);
    position = Math.max(position, info.queuePosition);
  }
  if (full.length === 0) return null;
  return `${full.join('; ')}: the move will wait in the queue at position ${position} and start as soon as a slot frees up. It does not fail; you can also raise the host's limit in its Hyper-V settings.`;
}
