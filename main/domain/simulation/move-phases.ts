import { say, type Said } from '../../../shared/i18n/text.js';
import { assertNever } from '../../../shared/model/result.js';
import type { MoveKind } from '../connector/host-connector.js';
import type { ModelConstants } from './model-constants.js';

/** A phase of a move; a job shows one step per phase, in this order. */
export type PhaseKey =
  'validate' | 'copy-storage' | 'migrate-memory' | 'switch-over' | 'clean-up' | 'save-state' | 'move' | 'restore' | 'copy-files' | 'register';

/** Step names for the job, in VMM's words. */
export const PHASE_LABELS: Readonly<Record<PhaseKey, string>> = Object.freeze({
  validate: 'Validate',
  'copy-storage': 'Copy storage',
  'migrate-memory': 'Live-migrate memory',
  'switch-over': 'Switch over',
  'clean-up': 'Clean up',
  'save-state': 'Save state',
  move: 'Move',
  restore: 'Restore',
  'copy-files': 'Copy files',
  register: 'Register',
});

/** The phases of a move of `kind`, in order; a job's steps for that move, by index. */
export function movePhases(kind: MoveKind): PhaseKey[] {
  switch (kind) {
    case 'live':
      return ['validate', 'migrate-memory', 'switch-over', 'clean-up'];
    case 'live-vsm':
      return ['validate', 'copy-storage', 'migrate-memory', 'switch-over', 'clean-up'];
    case 'storage':
      return ['validate', 'copy-storage', 'switch-over', 'clean-up'];
    case 'quick':
      return ['validate', 'save-state', 'move', 'restore'];
    case 'network':
      return ['validate', 'copy-files', 'register'];
    default:
      return assertNever(kind);
  }
}

/** The job steps for a move of `kind`, as catalogue sentences with their English names. */
export function movePhaseSteps(kind: MoveKind): Said[] {
  return movePhases(kind).map((p) => say(`phase.${p}`));
}

/** The job step names for a move of `kind`. */
export function movePhaseLabels(kind: MoveKind): string[] {
  return movePhases(kind).map((p) => PHASE_LABELS[p]);
}

/** Which rate a transfer runs at: the link's memory rate, the file copy rate, or local disk throughput. */
export type RateKind = 'memory' | 'storage' | 'disk';

/** A piece of work inside a phase. `downtime` marks time the VM is not running because of the move. */
export type Segment =
  | { type: 'fixed'; seconds: number; downtime: boolean }
  | { type: 'transfer'; mb: number; rate: RateKind; downtime: boolean }
  /** Iterative pre-copy of memory while the VM runs; its passes are decided as it goes. */
  | { type: 'precopy' }
  /** The final copy of what pre-copy left, with the VM paused. */
  | { type: 'stop-and-copy' };

/** The amounts a move's work is made of. */
export interface MoveAmounts {
  kind: MoveKind;
  memoryMB: number;
  /** Disk MB the move copies (0 for a live or quick move). */
  diskMB: number;
}

/** The work of one phase of a move, in order. */
export function phaseSegments(phase: PhaseKey, amounts: MoveAmounts, c: ModelConstants): Segment[] {
  switch (phase) {
    case 'validate':
      return [{ type: 'fixed', seconds: c.validateSeconds, downtime: false }];
    case 'copy-storage':
      return [{ type: 'transfer', mb: amounts.diskMB, rate: amounts.kind === 'storage' ? 'disk' : 'storage', downtime: false }];
    case 'migrate-memory':
      return [{ type: 'precopy' }];
    case 'switch-over':
      if (amounts.kind === 'storage') return [{ type: 'fixed', seconds: c.storageSwitchSeconds, downtime: false }];
      return [{ type: 'stop-and-copy' }, { type: 'fixed', seconds: c.switchOverMs / 1000, downtime: true }];
    case 'clean-up':
      return [{ type: 'fixed', seconds: c.cleanUpSeconds, downtime: false }];
    case 'save-state':
      return [{ type: 'transfer', mb: amounts.memoryMB, rate: 'disk', downtime: true }];
    case 'move':
      return [{ type: 'fixed', seconds: c.clusterMoveSeconds, downtime: true }];
    case 'restore':
      return [{ type: 'transfer', mb: amounts.memoryMB, rate: 'disk', downtime: true }];
    case 'copy-files':
      return [{ type: 'transfer', mb: amounts.diskMB, rate: 'storage', downtime: false }];
    case 'register':
      return [{ type: 'fixed', seconds: c.registerSeconds, downtime: false }];
    default:
      return assertNever(phase);
  }
}

/** Whether a move of `kind` sends anything over the hosts' migration network (and so shares it). */
export function usesMigrationNetwork(kind: MoveKind): boolean {
  switch (kind) {
    case 'live':
    case 'live-vsm':
    case 'network':
      return true;
    case 'storage':
    case 'quick':
      return false;
    default:
      return assertNever(kind);
  }
}
