import { say, type Said } from '../../../shared/i18n/text.js';
import type { Host, Vm } from '../../../shared/model/inventory.js';
import type { MoveKind } from '../../../shared/model/job.js';
import { assertNever } from '../../../shared/model/result.js';
import { sameCluster } from './placement-index.js';

/**
 * What a completed move did to a highly available VM's high availability: nothing (same cluster, a storage move,
 * or a VM that was not highly available), made it a role of the destination's cluster (a move between clusters:
 * it is highly available there), or left it on a standalone host, no longer highly available.
 */
export type HaAfterMove = { kind: 'unchanged' } | { kind: 'joins-cluster'; cluster: string } | { kind: 'leaves-cluster'; host: string };

/** The high availability of `vm` once a move of kind `kind` from `source` to `dest` has completed. */
export function haAfterMove(vm: Vm, source: Host, dest: Host, kind: MoveKind): HaAfterMove {
  if (!vm.highlyAvailable || kind === 'storage' || sameCluster(source, dest)) return { kind: 'unchanged' };
  return dest.cluster === null ? { kind: 'leaves-cluster', host: dest.name } : { kind: 'joins-cluster', cluster: dest.cluster };
}

/**
 * The completed job's sentence about it (a main-process sentence, kept in this one place): where the VM is highly
 * available now, or, after a move to a standalone host only, how to make it highly available again. Null when
 * nothing changed.
 */
export function haAfterMoveSentence(vmName: string, ha: HaAfterMove): Said | null {
  switch (ha.kind) {
    case 'unchanged':
      return null;
    case 'joins-cluster':
      return say('result.ha.joins', { vm: vmName, cluster: ha.cluster });
    case 'leaves-cluster':
      return say('result.ha.leaves', { vm: vmName, host: ha.host });
    default:
      return assertNever(ha);
  }
}
