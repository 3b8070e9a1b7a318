import type { Text } from '../i18n/text.js';

/**
 * Select Host and Select Path results (migration-rules.md sections 2 and 3). The codes are part of the
 * contract: the UI, the API and `ferry hosts --json` carry them, and outside tests check them.
 */

/** How a VM moves to an available host (migration-rules.md 2.2), in the order the rules are tried. */
export const TRANSFER_TYPE_VALUES = ['Live', 'Live (VSM)', 'Quick', 'Network'] as const;
/** A transfer type. */
export type TransferType = (typeof TRANSFER_TYPE_VALUES)[number];

/** Why a host is not available for a VM (migration-rules.md 2.1, and section 8 for the last two). */
export const REASON_CODE_VALUES = [
  'host-not-responding',
  'maintenance-mode',
  'live-migration-disabled',
  'processor-vendor-mismatch',
  'processor-version-mismatch',
  'config-version-unsupported',
  'compatibility-vector-stale',
  'insufficient-memory',
  'insufficient-storage',
  'shared-vhdx',
  'storage-unreachable',
  'vm-busy',
  'not-possible-owner',
  'affinity-rule',
] as const;
/** A blocking reason's code. */
export type ReasonCode = (typeof REASON_CODE_VALUES)[number];

/** What the admin should know about an available host (migration-rules.md 2.3, and section 8 for the last three). */
export const WARNING_CODE_VALUES = [
  'loses-high-availability',
  'becomes-not-highly-available',
  'storage-moves',
  'host-busy',
  'availability-set',
  'affinity-split',
  'not-preferred-owner',
] as const;
/** A warning's code. */
export type WarningCode = (typeof WARNING_CODE_VALUES)[number];

/** A coded finding with a sentence that tells the admin what to do. */
export interface Issue<C extends string> {
  code: C;
  /** The sentence in English (CLI, JSON). */
  message: string;
  /** The same sentence as a catalogue key with parameters, which the console words in the admin's language. */
  text?: Text;
}

/** One row of Select Host: a destination host rated for one VM. */
export interface HostRating {
  host: string;
  cluster: string | null;
  /** 0 to 5 in half-star steps; 0 exactly when not available. */
  rating: number;
  /** Null when the host is not available. */
  transferType: TransferType | null;
  available: boolean;
  reasons: Issue<ReasonCode>[];
  warnings: Issue<WarningCode>[];
  /** Lines explaining the rating; for zero stars, every blocking reason with its fix. */
  ratingExplanation: string[];
  /** Lines explaining the transfer type: why, what is copied (GB), and the HA-loss window when relevant. */
  transferExplanation: string[];
  /** `ratingExplanation` line by line as catalogue sentences, for the console. */
  ratingExplanationText?: Text[];
  /** `transferExplanation` line by line as catalogue sentences, for the console. */
  transferExplanationText?: Text[];
}

/** A host's migration slots right now, as the scheduler sees them (migration-rules.md section 4). */
export interface HostBusy {
  liveInUse: number;
  liveMax: number;
  storageInUse: number;
  storageMax: number;
  /** The place a move submitted now would take in the queue (1 = next). */
  queuePosition: number;
}

/**
 * Codes of a refused storage path (migration-rules.md section 3). The first three are the contract's;
 * `smb-version-unsupported` and `share-unreachable` are Ferry's own for shares the inventory knows, and
 * `host-not-found` for a host name that is not in the inventory.
 */
export const PATH_CHECK_CODE_VALUES = [
  'path-invalid',
  'smb-path-not-fqdn',
  'path-volume-unknown',
  'smb-version-unsupported',
  'share-unreachable',
  'host-not-found',
] as const;
/** Why a storage path was refused. */
export type PathCheckCode = (typeof PATH_CHECK_CODE_VALUES)[number];

/** The verdict on a storage path typed or picked on Select Path / Migrate Storage. */
export interface PathCheck {
  valid: boolean;
  /** Null when valid. */
  code: PathCheckCode | null;
  /** When valid, which volume or share the path is on and its free space; otherwise what to do. */
  message: string;
  /** `message` as a catalogue sentence, for the console. */
  text?: Text;
}
