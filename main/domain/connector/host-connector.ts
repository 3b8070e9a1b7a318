import type { AffinityRule, LiveMigrationSettings, PerformanceOption } from '../../../shared/model/inventory.js';

import type { Text } from '../../../shared/i18n/text.js';
import type { JobError, MoveKind } from '../../../shared/model/job.js';

export type { MoveKind } from '../../../shared/model/job.js';

/** One move handed to a connector. Names are the inventory's; paths are Windows paths. */
export interface MoveRequest {
  /** The job's id, so a connector can find a move again after a restart. */
  jobId: string;
  kind: MoveKind;
  vm: string;
  sourceHost: string;
  /** Same as the source for a storage move. */
  destinationHost: string;
  performanceOption: PerformanceOption;
  /** Destination folder of the VM's files when storage moves (whole VM). */
  destinationPath: string | null;
  /** Per-disk destinations (storage moves with "place VHDs individually"): source path → destination folder. */
  diskDestinations: Readonly<Record<string, string>> | null;
  /** New configuration folder for a per-disk storage move, or null to keep it. */
  configurationPath: string | null;
}

/** Progress of a move, reported while it runs. */
export interface MoveProgress {
  /** The step running now, by index into the job's steps. */
  step: number;
  /** 0..100 within that step. */
  stepPercent: number;
  /** 0..100 over the whole move. */
  percent: number;
  bytesSent: number;
  /** Current throughput, bytes per second. */
  throughputBps: number;
  /** Pre-copy passes done so far (memory moves). */
  passes: number;
  /** Seconds left, as the connector estimates them. */
  etaSeconds: number | null;
  /** Live pre-copy figures, from connectors that measure them (QEMU's `query-migrate`). */
  memory?: PrecopyProgress;
}

/** What a live migration's pre-copy reports as it goes. */
export interface PrecopyProgress {
  /** Memory still to send. */
  remainingBytes: number;
  /** How fast the guest dirties memory now. */
  dirtyBytesPerSecond: number;
  /** The pause QEMU expects if it switched over now; null when not known yet. */
  expectedDowntimeMs: number | null;
}

/** How a move ended. */
export type MoveOutcome =
  /** `downtimeMs` is null where the host does not measure it (Hyper-V's cmdlets don't report it). */
  | {
      status: 'completed';
      totalSeconds: number;
      downtimeMs: number | null;
      bytesSent: number;
      passes: number;
      /** Something the admin should know (the job ends "Completed with info"). */
      info: string | Text | null;
      /** How the host did it, for the job's summary ("QEMU TCP/IP: one stream; 3 passes"). */
      how?: string | Text;
    }
  | ({ status: 'failed'; vmHost: string } & JobError)
  | { status: 'canceled'; vmHost: string };

/** A move in flight: its end, and a way to stop it. */
export interface RunningMove {
  /** Resolves once, when the move ends; never rejects. */
  readonly done: Promise<MoveOutcome>;
  /** Asks the move to stop; a canceled live migration leaves the VM running on its source. */
  cancel(): void;
}

/**
 * The port every host type implements (simulator, Hyper-V, QEMU): start a VM, run moves, cancel
 * them, report progress. Connectors report; the scheduler decides and records.
 */
export interface HostConnector {
  /** Starts a VM that is not running (a saved VM resumes from its saved state). */
  vmStart(vm: string, host: string): Promise<ConnectorResult>;
  /** Saves a running VM's state (Save-VM): it is down until started again. */
  vmSave(vm: string, host: string): Promise<ConnectorResult>;
  /** Starts a move; progress arrives through `onProgress`, at the connector's own pace. */
  moveStart(request: MoveRequest, onProgress: (progress: MoveProgress) => void): RunningMove;
  /** Where a VM is now, as the connector knows it (used to reconcile jobs after a crash). */
  vmLocate(vm: string): Promise<string | null>;
  /**
   * Applies a host's live-migration settings (Hyper-V Settings > OK): enable or disable migrations,
   * the simultaneous limits, the performance option, authentication and incoming networks.
   */
  hostSettingsApply(host: string, settings: LiveMigrationSettings): Promise<ConnectorResult>;
  /**
   * Sets a clustered VM's possible and preferred owners and availability sets (AntiAffinityClassNames) on its
   * cluster. Optional: a connector without it (the simulator, the lab) keeps them in Ferry's inventory only.
   */
  vmPlacementApply?(vm: string, placement: VmPlacement): Promise<ConnectorResult>;
  /**
   * Sets (adds, or replaces the rule named `replaces`) or removes one of a cluster's affinity rules on the cluster.
   * Optional: a connector without it (the simulator, the lab) keeps them in Ferry's inventory only.
   */
  affinityRuleApply?(cluster: string, change: AffinityRuleChange): Promise<ConnectorResult>;
}

/** An affinity-rule edit as a connector sets it on a cluster. */
export type AffinityRuleChange = { kind: 'set'; rule: AffinityRule; replaces: string | null } | { kind: 'remove'; name: string };

/** A VM's placement rules as a connector sets them (null possible owners: every node). */
export interface VmPlacement {
  possibleOwners: readonly string[] | null;
  preferredOwners: readonly string[];
  availabilitySets: readonly string[];
}

/** What a connector's action answers: done, or a problem with what the admin should do. */
export type ConnectorResult = { ok: true } | ({ ok: false } & JobError);
