import { join } from 'node:path';
import type { ConnectionMode } from '../../../../shared/model/connection.js';
import { resourcesDir } from '../../paths.js';

/**
 * The connector's PowerShell scripts, by what they do. Each is a fixed file shipped with Ferry
 * (resources/scripts/hyperv/): Ferry never writes PowerShell, and never puts an inventory value on a
 * command line. A script gets its values as one line of JSON on standard input (ConvertFrom-Json).
 */
export const HYPERV_SCRIPTS = Object.freeze({
  inventoryRead: 'Read-FerryHostGroup.ps1',
  moveRun: 'Invoke-FerryMove.ps1',
  vmState: 'Set-FerryVmState.ps1',
  vmLocate: 'Find-FerryVm.ps1',
  hostSettingsApply: 'Set-FerryHostSettings.ps1',
  vmPlacementApply: 'Set-FerryVmPlacement.ps1',
  affinityRuleApply: 'Set-FerryAffinityRule.ps1',
} as const);

/** A connector script, by its role. */
export type HyperVScript = keyof typeof HYPERV_SCRIPTS;

/** The file every script dot-sources: the stdin/stdout protocol and how a host is reached. */
export const HYPERV_COMMON_SCRIPT = 'FerryCommon.ps1';

/**
 * The folder of the connector's scripts. In a packaged app the resources sit in app.asar, which
 * PowerShell cannot read, so the scripts are unpacked beside it (electron-builder `asarUnpack`).
 */
export function hypervScriptsDir(): string {
  const dir = join(resourcesDir(), 'scripts', 'hyperv');
  return dir.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** How a script reaches one host: the transport, and the identity remoting signs in with. */
export interface PsTarget {
  mode: ConnectionMode;
  port: number;
  /** For `winrm-https` with a stored user; null for the current Windows identity. */
  credential: { userName: string; password: string } | null;
}

/** The one line of JSON a script reads on standard input. */
export interface PsRequest<A> {
  protocol: 1;
  target: PsTarget;
  args: A;
}

/** An error as a script reports it: every message of the chain, HRESULTs, the error id. */
export interface PsError {
  message: string;
  hresults: string[];
  errorId: string;
  category: string;
  /** Compare-VM incompatibility ids (33012: virtual switch not found, ...). */
  messageIds: number[];
  /** Where the VM is, when the script could tell. */
  vmHost: string | null;
}

/** One record a script writes on standard output. */
export type PsRecord =
  | { type: 'progress'; phase: 'validate' | 'transfer' | 'switch-over' | 'clean-up'; percent: number }
  | { type: 'result'; value: unknown }
  | ({ type: 'error' } & PsError)
  | { type: 'canceled'; vmHost: string }
  | { type: 'log'; message: string };
