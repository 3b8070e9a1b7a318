import type { Text } from '../i18n/text.js';
import type { VmHold } from './job.js';
import type { Issue, PathCheckCode, ReasonCode } from './placement.js';

/**
 * Every error a request, a command or a transport can answer with: its code, and the detail that code
 * carries (`undefined` for none). The code is stable (tests and scripts compare it); the message is a
 * sentence for a person; the detail is what a caller can act on.
 */
/** What a Hyper-V action's failure is, as the connector's error map reads PowerShell's errors. */
export const HYPERV_FAILURE_CODES = [
  'credssp-no-credentials',
  'kerberos-delegation',
  'access-denied',
  'processor-incompatible',
  'switch-not-found',
  'winrm-unreachable',
  'hyperv-module-missing',
  'scripts-disabled',
  'powershell-not-found',
  'powershell-crashed',
  'cancel-not-confirmed',
  'unknown',
] as const;
/** A Hyper-V failure's code. */
export type HyperVFailureCode = (typeof HYPERV_FAILURE_CODES)[number];

/** Every error's detail by code: Ferry's own, and `hyperv-<failure>` for each Hyper-V failure. */
export type ErrorDetails = FerryErrorDetails & { [K in HyperVFailureCode as `hyperv-${K}`]: { recommendedAction: string } };

/** Ferry's own error codes and their details. */
interface FerryErrorDetails {
  // Names that are not in the inventory.
  'host-not-found': { field?: string } | undefined;
  'vm-not-found': undefined;
  'vm-host-not-found': { vm: string; host: string };
  'cluster-not-found': undefined;
  'host-group-not-found': undefined;
  'group-not-found': undefined;
  'job-not-found': undefined;
  'disk-not-found': { field: 'diskDestinations'; disk: string };
  // Requests and transports.
  'bad-request': { problems?: readonly string[] } | undefined;
  'unknown-channel': undefined;
  forbidden: undefined;
  'internal-error': undefined;
  'database-error': undefined;
  'db-locked': undefined;
  'ipc-failed': undefined;
  'send-failed': undefined;
  disconnected: { channel: string };
  'fake-not-seeded': undefined;
  // One move per VM (migration-rules.md section 4).
  'vm-busy': { hold: VmHold };
  // Moves and their paths.
  'same-host': undefined;
  'already-there': undefined;
  'vm-running': undefined;
  'destination-unavailable': { reasons: readonly Issue<ReasonCode>[] };
  'path-required': { field: 'destinationPath' };
  /** A clustered VM's files moving to another node of its cluster must land on a CSV or an SMB share, not a node's own volume. */
  'path-not-cluster-storage': { field: 'destinationPath' };
  'destination-path-required': { field?: string } | undefined;
  'disk-destinations-unused': { field: 'diskDestinations' };
  'disk-listed-twice': { field: 'diskDestinations'; disk: string };
  'path-invalid': { field?: string; disk?: string } | undefined;
  'smb-path-not-fqdn': { field?: string; disk?: string } | undefined;
  'path-volume-unknown': { field?: string; disk?: string } | undefined;
  'smb-version-unsupported': { field?: string; disk?: string } | undefined;
  'share-unreachable': { field?: string; disk?: string } | undefined;
  'storage-plan-invalid': { problems: readonly unknown[] };
  // Jobs.
  'job-ended': undefined;
  'job-not-restartable': undefined;
  // Plans, groups, maintenance.
  'nothing-to-run': { plan: unknown };
  'invalid-what-if': undefined;
  'no-plan': undefined;
  'plan-started': undefined;
  'plan-failed': undefined;
  'group-ended': undefined;
  'abort-timeout': undefined;
  'not-in-maintenance': undefined;
  /** Stop Maintenance Mode was asked to start a VM its evacuation did not save. */
  'vm-not-saved-by-evacuation': { field: 'startVms'; vm: string };
  /** This process can't start VMs (a PlanService without a starter). */
  'start-unavailable': undefined;
  // Imports and settings.
  'inventory-invalid': { problems: readonly unknown[] } | undefined;
  'settings-invalid': { problems: readonly unknown[] } | undefined;
  'settings-empty': undefined;
  /** A placement-rule edit (VM Properties, a cluster's affinity rules, Keep apart) that breaks a rule of the format. */
  'rules-invalid': { problems: readonly { path: string; message: string }[] };
  /** An affinity rule named in an edit that the inventory no longer has. */
  'rule-not-found': undefined;
  /** The console could not read the chosen file. */
  'read-failed': undefined;
  /** A file over the import limit, refused before it is read. */
  'too-large': { size: number };
  // Connections and Hyper-V.
  'connection-invalid': { problems: readonly unknown[] };
  'password-storage-unavailable': { problems: readonly unknown[] } | undefined;
  'password-missing': { recommendedAction: string } | undefined;
  'password-unreadable': { recommendedAction: string } | undefined;
  'no-hosts': undefined;
  'no-hyperv-groups': undefined;
  'host-group-empty': { recommendedAction: string };
  'group-uses-simulator': undefined;
  'hyperv-read-invalid': { problems?: readonly unknown[] } | undefined;
  // The QEMU lab.
  'lab-start-failed': { jobId: string };
  'lab-stop-failed': { jobId: string };
  'invalid-lab': undefined;
  // npm run gen:inventory's options.
  'invalid-option': undefined;
}

/** An error's code. */
export type ErrorCode = keyof ErrorDetails;

/** The codes of a refused storage path are error codes too (Select Path answers them as errors). */
export type PathErrorCode = Extract<ErrorCode, PathCheckCode>;

/** An error a caller can show: its code, a sentence, and the detail that code carries. */
export type ErrorDto = { [C in ErrorCode]: ErrorOf<C> }[ErrorCode];

/** The error of one code: its detail optional where the code may carry none. */
export type ErrorOf<C extends ErrorCode> = undefined extends ErrorDetails[C]
  ? { code: C; message: string; text?: Text; detail?: ErrorDetails[C] }
  : { code: C; message: string; text?: Text; detail: ErrorDetails[C] };

/** The arguments after the message: the detail, required where the code always carries one. */
export type DetailArgs<C extends ErrorCode> = undefined extends ErrorDetails[C] ? [detail?: ErrorDetails[C]] : [detail: ErrorDetails[C]];
