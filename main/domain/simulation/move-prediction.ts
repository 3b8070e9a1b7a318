import type { Host, Vm } from '../../../shared/model/inventory.js';
import type { MovePrediction } from '../../../shared/model/job.js';
import type { MoveRequest } from '../connector/host-connector.js';
import { linkEstimate } from './link-model.js';
import { estimateMove } from './migration-model.js';

/**
 * What the migration model predicts for a move as it is submitted, alone on its link: its duration and
 * the VM's pause (none for a storage move). A per-disk storage move copies only the disks it names.
 */
export function movePredict(
  request: Pick<MoveRequest, 'kind' | 'performanceOption' | 'diskDestinations'>,
  vm: Vm,
  source: Host,
  destination: Host,
): MovePrediction {
  const chosen = request.diskDestinations ? new Set(Object.keys(request.diskDestinations).map((p) => p.toLowerCase())) : null;
  let diskGB = 0;
  for (const disk of vm.disks) if (!chosen || chosen.has(disk.path.toLowerCase())) diskGB += disk.sizeGB;
  const link = linkEstimate({ source, destination, option: request.performanceOption, sharedBy: 1, sharedAt: { source: 1, destination: 1 } });
  const estimate = estimateMove({ vm: { memoryMB: vm.memoryMB, dirtyRateMBps: vm.dirtyRateMBps, diskGB }, kind: request.kind, link });
  return {
    durationSeconds: Math.round(estimate.totalSeconds * 10) / 10,
    downtimeMs: request.kind === 'storage' ? null : Math.round(estimate.downtimeMs),
  };
}
