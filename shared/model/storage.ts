import type { Text } from '../i18n/text.js';
import type { Issue, PathCheckCode } from './placement.js';

/** Storage migration plans and their checks (migration-rules.md section 3), as they cross the contract. */

/** A place Browse offers on a host: a default location, a volume or CSV, or a reachable SMB 3 share. */
export interface StorageLocation {
  path: string;
  kind: 'default' | 'volume' | 'csv' | 'share';
  /** Null when the inventory does not know the space of the volume or share under it. */
  freeGB: number | null;
  capacityGB: number | null;
}

/**
 * A Migrate Storage plan (migration-rules.md section 3): the whole VM to one location (its files go to
 * `location\VM name`, as VMM places them), or chosen VHDs each to its own folder ("Allow VHDs to be placed
 * individually"), with an optional new configuration folder; per-disk folders are used as given.
 */
export type StorageMovePlan =
  | { vm: string; scope: 'whole-vm'; path: string }
  | {
      vm: string;
      scope: 'per-disk';
      /** The configuration's new folder, or null to leave it where it is. */
      configurationPath: string | null;
      /** Each disk to move, by its current path, and the folder it goes to. */
      disks: readonly { path: string; destination: string }[];
    };

/** Why a storage plan cannot run as it stands. */
export type StoragePlanCode = PathCheckCode | 'vm-not-found' | 'disk-not-found' | 'nothing-to-move' | 'shared-vhdx' | 'insufficient-storage';

/** One file a plan moves. */
export interface PlannedFileMove {
  kind: 'configuration' | 'disk';
  from: string;
  to: string;
  /** The destination folder as the plan gave it. */
  destination: string;
  sizeGB: number;
  shared: boolean;
}

/** How much a plan puts on one destination volume or share. */
export interface DestinationUse {
  /** The volume's or share's path. */
  root: string;
  description: string;
  /** `description` as a catalogue sentence, for the console. */
  descriptionText?: Text;
  requiredGB: number;
  freeGB: number;
}

/** The verdict on a storage plan: valid when no problem was found. */
export interface StoragePlanCheck {
  valid: boolean;
  problems: Issue<StoragePlanCode>[];
  moves: PlannedFileMove[];
  destinations: DestinationUse[];
}
