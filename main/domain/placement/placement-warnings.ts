import type { Host } from '../../../shared/model/inventory.js';
import type { HostBusy, Issue, TransferType, WarningCode } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';
import { said, say, text, type Text } from '../../../shared/i18n/text.js';
import { nameKey } from '../storage-paths/names.js';
import { sameCluster } from './placement-index.js';
import { destinationText, haWindow, type StorageDestination, type TransferDecision } from './transfer-type.js';
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
    const params = { vm: vm.name, host: dest.name, cluster: dest.cluster, window: haWindow(facts, dest, decision) };
    warnings.push({
      code: 'loses-high-availability',
      ...(facts.source.cluster
        ? say('warning.loses-high-availability', { ...params, sourceCluster: facts.source.cluster })
        : say('warning.loses-high-availability.standaloneSource', params)),
    });
  }
  if (vm.highlyAvailable && dest.cluster === null) {
    warnings.push({ code: 'becomes-not-highly-available', ...say('warning.becomes-not-highly-available', { vm: vm.name, host: dest.name }) });
  }
  if (decision.storageMoves) {
    const params = { size: { gb: facts.diskGB }, vm: vm.name, host: dest.name };
    warnings.push({
      code: 'storage-moves',
      ...(storage ? say('warning.storage-moves', { ...params, location: destinationText(storage) }) : say('warning.storage-moves.host', params)),
    });
  }
  const busyText = hostBusyText(facts.source, dest, decision.type, busy);
  if (busyText) warnings.push({ code: 'host-busy', ...said(busyText) });
  return warnings;
}

function hostBusyText(source: Host, dest: Host, type: TransferType, busy: ReadonlyMap<string, HostBusy>): Text | null {
  const slots = slotsTaken(type);
  const full: Text[] = [];
  let position = 0;
  for (const [host, role] of [
    [source, 'busy.source'],
    [dest, 'busy.destination'],
  ] as const) {
    const info = busy.get(nameKey(host.name));
    if (!info) continue;
    const kinds = [
      ...(slots.live && info.liveInUse >= info.liveMax ? [text('busy.liveSlots', { max: info.liveMax })] : []),
      ...(slots.storage && info.storageInUse >= info.storageMax ? [text('busy.storageSlots', { max: info.storageMax })] : []),
    ];
    if (kinds.length === 0) continue;
    full.push(text(role, { host: host.name, slots: { list: kinds } }));
    position = Math.max(position, info.queuePosition);
  }
  if (full.length === 0) return null;
  return text('warning.host-busy', { hosts: { list: full }, position });
}
