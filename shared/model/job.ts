import { english, type Text } from '../i18n/text.js';
import type { PerformanceOption } from './inventory.js';

/** Jobs as the admin sees them (migration-rules.md section 6). */

/** A job's status, with VMM's words. */
export const JOB_STATUS_VALUES = ['Queued', 'Running', 'Completed', 'Completed with info', 'Failed', 'Canceled'] as const;
/** A job's status. */
export type JobStatus = (typeof JOB_STATUS_VALUES)[number];

/** What a job does. */
export type JobKind =
  'import-inventory' | 'migrate-vm' | 'migrate-storage' | 'start-vm' | 'save-vm' | 'stop-maintenance' | 'host-settings' | 'lab' | 'placement-rules';

/** One step of a job, run in order. */
export interface JobStep {
  name: string;
  /** `name` as a catalogue sentence for the console; absent on steps recorded before Ferry kept it. */
  text?: Text;
  status: JobStatus;
  progress: number;
}

/** A failed job's error, in words an admin can act on. */
export interface JobError {
  /** The reason's code when the job failed for a coded reason (a move checked again at start: `maintenance-mode`, `affinity-rule`, ...). */
  code?: string;
  problem: string;
  recommendedAction: string;
  /** `problem` as a catalogue sentence for the console, when the job's service said it with one. */
  problemText?: Text;
  /** `recommendedAction` as a catalogue sentence for the console. */
  recommendedActionText?: Text;
}

/** A failure said both ways: English words for the CLI and JSON, and catalogue sentences the console words in its language. */
export function jobError(problem: Text, recommendedAction: Text): JobError {
  return { problem: english(problem), recommendedAction: english(recommendedAction), problemText: problem, recommendedActionText: recommendedAction };
}

/** Just the error of something that carries one (a connector's failed result, a move's outcome), words and sentences. */
export function jobErrorOf(from: JobError): JobError {
  const error: JobError = { problem: from.problem, recommendedAction: from.recommendedAction };
  if (from.problemText) error.problemText = from.problemText;
  if (from.recommendedActionText) error.recommendedActionText = from.recommendedActionText;
  return error;
}

/** What a move measured (or, while it runs, has measured so far). */
export interface JobMetrics {
  bytesSent: number;
  /** Bytes per second now (running) or on average (ended). */
  throughputBps: number;
  /** Measured downtime of the switch-over; null until the VM has switched. */
  downtimeMs: number | null;
  passes: number;
  /** Seconds left while running; null once ended. */
  etaSeconds: number | null;
  /** Seconds the move took once ended. */
  totalSeconds: number | null;
  /**
   * While a live migration's memory moves, on hosts that measure it (the QEMU lab): what is left to
   * send, how fast the guest dirties memory, and the pause expected if it switched over now.
   */
  precopy?: { remainingBytes: number; dirtyBytesPerSecond: number; expectedDowntimeMs: number | null } | null;
}

/** How a move runs, as the connector does it. */
export const MOVE_KIND_VALUES = ['live', 'live-vsm', 'storage', 'quick', 'network'] as const;
/** How a move runs: a running VM's memory, its storage, or both (storage first). */
export type MoveKind = (typeof MOVE_KIND_VALUES)[number];

/** The move a migration job carries: which hosts it occupies (section 4) and how. */
export interface JobMove {
  kind: MoveKind;
  sourceHost: string;
  /** Same as the source for a storage move. */
  destinationHost: string;
  performanceOption: PerformanceOption;
  /** What the migration model predicted when the move was submitted; absent for moves submitted before it was recorded. */
  prediction?: MovePrediction | null;
}

/** A move's predicted duration and downtime, by the migration model, alone on its link. */
export interface MovePrediction {
  durationSeconds: number;
  /** The VM's predicted pause; null for a storage move (the VM keeps running). */
  downtimeMs: number | null;
}

/** A job and its history. Times are ISO 8601. */
export interface Job {
  id: string;
  kind: JobKind;
  name: string;
  status: JobStatus;
  progress: number;
  owner: string;
  target: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  steps: JobStep[];
  error: JobError | null;
  /** A one-line result for a completed job ("Imported 46 VMs on 11 hosts"). */
  summary: string | null;
  /** For a queued move: what it waits for ("waiting for a live-migration slot on HV-TO-02 (2 of 2 in use), position 3"). */
  waitingFor: string | null;
  /** `name`, `summary` and `waitingFor` as catalogue sentences for the console; absent (or null) for old jobs. */
  nameText?: Text | null;
  summaryText?: Text | null;
  waitingForText?: Text | null;
  /** For a move: bytes, throughput, downtime, passes. */
  metrics: JobMetrics | null;
  /** The job this one restarted, if any. */
  restartOf: string | null;
  /** For a migration job: its move; null for other jobs. */
  move: JobMove | null;
  /** The job group it belongs to (a plan run, an evacuation, a restore), or null. */
  groupId: string | null;
}

/** Jobs that act on one VM: while one is queued or running, it holds the VM (migration-rules.md section 4). */
export const VM_HOLDING_KINDS: readonly JobKind[] = ['migrate-vm', 'migrate-storage', 'start-vm', 'save-vm'];

/** The job that holds a VM now: the one move, start or save the VM may have queued or running. */
export interface VmHold {
  vm: string;
  jobId: string;
  jobName: string;
  kind: JobKind;
  status: 'Queued' | 'Running';
  /** Where a migration takes the VM; null for the other kinds. */
  destinationHost: string | null;
}
