import type { HyperVFailureCode } from '../../../../shared/model/errors.js';
import type { ConnectionMode } from '../../../../shared/model/connection.js';
import type { PsOutcome } from './powershell-runner.js';
import type { PsError } from './scripts.js';

/** What the connector was doing when it failed, to name the hosts and the VM in the sentence. */
export interface FailureContext {
  action: 'move' | 'start' | 'save' | 'settings' | 'placement' | 'refresh' | 'locate';
  mode: ConnectionMode;
  vm?: string;
  /** The host the action ran on (the move's source). */
  host?: string;
  destination?: string;
}

/** A failure in words an admin can follow, with a stable code for tests and logs. */
export interface MappedFailure {
  code: HyperVFailureCode;
  problem: string;
  recommendedAction: string;
}

/** Compare-VM's incompatibility id for "the virtual switch the VM connects to is not on the destination". */
export const SWITCH_NOT_FOUND_MESSAGE_ID = 33012;

const has = (text: string, ...patterns: RegExp[]): boolean => patterns.some((p) => p.test(text));

function hostOf(ctx: FailureContext): string {
  return ctx.host ?? 'the host';
}

function what(ctx: FailureContext): string {
  switch (ctx.action) {
    case 'move':
      return ctx.vm ? `The migration of ${ctx.vm}` : 'The migration';
    case 'start':
      return ctx.vm ? `Starting ${ctx.vm}` : 'Starting the virtual machine';
    case 'save':
      return ctx.vm ? `Saving the state of ${ctx.vm}` : "Saving the virtual machine's state";
    case 'settings':
      return `Changing the Hyper-V settings of ${hostOf(ctx)}`;
    case 'placement':
      return ctx.vm ? `Setting the owners and availability sets of ${ctx.vm}` : 'Setting the owners and availability sets';
    case 'refresh':
      return `Reading ${hostOf(ctx)}`;
    case 'locate':
      return ctx.vm ? `Finding ${ctx.vm}` : 'Finding the virtual machine';
  }
}

/** Shortens what PowerShell said to a sentence that fits a job's error. */
function said(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 600 ? `${flat.slice(0, 600)}…` : flat;
}

/**
 * Turns what a script reported into a known failure with its fix, or passes an unknown one through
 * with a generic action. One rule per known failure (migration-rules.md section 6: a failed job
 * carries a problem and a recommended action).
 */
export function mapHyperVError(error: PsError, ctx: FailureContext): MappedFailure {
  const text = `${error.message} ${error.hresults.join(' ')} ${error.errorId}`;
  const host = hostOf(ctx);
  const dest = ctx.destination ?? 'the destination host';
  if (has(text, /0x8009030E/i, /No credentials are available in the security package/i)) {
    return {
      code: 'credssp-no-credentials',
      problem: `${what(ctx)} failed: ${host} could not authenticate to ${dest} with CredSSP ("No credentials are available in the security package", 0x8009030E). CredSSP works only when the migration is started on the source host itself by a signed-in user; Ferry started it from this workstation${ctx.mode === 'local' ? ' with -ComputerName' : ''}.`,
      recommendedAction: `Either set live migration authentication to Kerberos on ${host} and ${dest} (Hyper-V Settings > Live Migrations > Advanced Features) and configure Kerberos constrained delegation in Active Directory (each host's computer account trusted to delegate to the other's "cifs" and "Microsoft Virtual System Migration Service" services), or sign in to ${host} and start the move there. Then restart the job.`,
    };
  }
  if (has(text, /0x8009030D/i, /0x80090322/i, /constrained delegation/i) || (has(text, /failed to authenticate the connection/i) && has(text, /Kerberos/i))) {
    return {
      code: 'kerberos-delegation',
      problem: `${what(ctx)} failed: the Virtual Machine Management Service on ${host} could not authenticate to ${dest} with Kerberos. Kerberos constrained delegation is missing or incomplete for these hosts.`,
      recommendedAction: `In Active Directory Users and Computers, open the computer account of ${host}, Delegation tab: "Trust this computer for delegation to specified services only", "Use any authentication protocol", and add ${dest}'s "cifs" and "Microsoft Virtual System Migration Service" services; do the same on ${dest} for ${host}. Wait for replication (or run klist purge -li 0x3e7 on both hosts), then restart the job.`,
    };
  }
  if (has(text, /processor-specific features not supported/i, /processor.{0,40}(not )?compatib/i)) {
    return {
      code: 'processor-incompatible',
      problem: `${what(ctx)} failed: ${ctx.vm ?? 'the virtual machine'} uses processor features that ${dest} does not have (its processor is a different version).`,
      recommendedAction: `Shut down ${ctx.vm ?? 'the VM'}, enable "Migrate to a physical computer with a different processor version" (Settings > Processor > Compatibility, or Set-VMProcessor -CompatibilityForMigrationEnabled $true), start it again, then restart the job. Across processor vendors (Intel and AMD) a running VM can never move: shut it down and use a network move.`,
    };
  }
  if (
    error.messageIds.includes(SWITCH_NOT_FOUND_MESSAGE_ID) ||
    has(text, /Could not find (Ethernet|virtual) switch/i, /virtual switch .{0,80}(not found|does not exist|could not be found)/i)
  ) {
    const switchName = /switch '([^']+)'/i.exec(error.message)?.[1];
    return {
      code: 'switch-not-found',
      problem: `${what(ctx)} was refused by Hyper-V's compatibility check (Compare-VM ${SWITCH_NOT_FOUND_MESSAGE_ID}): ${dest} has no virtual switch${switchName ? ` named "${switchName}"` : ''} for ${ctx.vm ?? 'the VM'}'s network adapter.`,
      recommendedAction: `Create a virtual switch with the same name on ${dest} (Virtual Switch Manager, or New-VMSwitch), or connect the VM's network adapter to a switch that exists on both hosts, then restart the job.`,
    };
  }
  if (
    has(
      text,
      /WinRM cannot complete the operation/i,
      /0x80338012/i,
      /0x8033809D/i,
      /WinRM client cannot/i,
      /cannot connect to the destination specified in the request/i,
      /Connecting to remote server .{0,120} failed/i,
    )
  ) {
    return {
      code: 'winrm-unreachable',
      problem: `${what(ctx)} failed: ${host} could not be reached over ${ctx.mode === 'winrm-https' ? 'PowerShell remoting over HTTPS (WinRM, port 5986)' : 'WinRM from this workstation'}.`,
      recommendedAction: `Check that ${host} is running and its name resolves from this workstation; that WinRM listens there (winrm enumerate winrm/config/listener${ctx.mode === 'winrm-https' ? ' shows an HTTPS listener with a certificate whose name matches the host' : ''}); and that the firewall allows ${ctx.mode === 'winrm-https' ? 'TCP 5986' : 'TCP 5985 (or 5986)'} from this workstation. Test with Test-WSMan ${host}${ctx.mode === 'winrm-https' ? ' -UseSSL' : ''}, then try again.`,
    };
  }
  if (has(text, /0x80070005/i, /Access is denied/i, /required permission/i, /UnauthorizedAccess/i, /PermissionDenied/i)) {
    return {
      code: 'access-denied',
      problem: `${what(ctx)} failed: access is denied on ${host} (0x80070005). The account Ferry runs as is not allowed to manage Hyper-V there.`,
      recommendedAction: `Add the account to the "Hyper-V Administrators" group (or the local Administrators group) on ${host}${ctx.destination ? ` and ${ctx.destination}` : ''}; for storage on an SMB share, give both hosts' computer accounts full control of the share and its folder. Then try again.`,
    };
  }
  if (has(text, /The term '(Get|Move|Set|Start)-VM\w*' is not recognized/i, /module 'Hyper-V'.{0,60}(not|could not)/i)) {
    return {
      code: 'hyperv-module-missing',
      problem: `${what(ctx)} failed: the Hyper-V PowerShell module is not installed where Ferry runs PowerShell.`,
      recommendedAction:
        'Install it on this workstation (Windows Server: Install-WindowsFeature RSAT-Hyper-V-Tools; Windows 11: Settings > Optional features > Hyper-V Module for Windows PowerShell), or switch the host group to WinRM over HTTPS so the cmdlets run on the hosts. Then try again.',
    };
  }
  if (has(text, /running scripts is disabled on this system/i, /cannot be loaded because .{0,40}not digitally signed/i)) {
    return {
      code: 'scripts-disabled',
      problem: `${what(ctx)} failed: a Group Policy execution policy on this workstation does not let PowerShell run Ferry's connector scripts.`,
      recommendedAction:
        "Ask your administrator to allow signed or local scripts for this workstation (Group Policy: Turn on Script Execution), or to sign Ferry's scripts in resources\\scripts\\hyperv with your code-signing certificate. Then try again.",
    };
  }
  return {
    code: 'unknown',
    problem: `${what(ctx)} failed. Hyper-V said: ${said(error.message) || '(no message)'}`,
    recommendedAction: `Check the event logs on ${host} (Event Viewer > Applications and Services Logs > Microsoft > Windows > Hyper-V-VMMS > Admin${ctx.destination ? `, and the same log on ${ctx.destination}` : ''}), fix what they name, then try again.`,
  };
}

/** Turns a run that never produced a record of its own (PowerShell missing, crashed, killed) into words. */
export function mapRunFailure(outcome: Extract<PsOutcome, { kind: 'not-started' | 'crashed' | 'cancel-timeout' }>, ctx: FailureContext): MappedFailure {
  switch (outcome.kind) {
    case 'not-started':
      return {
        code: 'powershell-not-found',
        problem: `${what(ctx)} could not start: PowerShell (${outcome.executable}) could not be run on this computer (${outcome.message}). Ferry's Hyper-V connector needs Windows PowerShell with the Hyper-V module, on a Windows workstation or server.`,
        recommendedAction:
          'Run Ferry on a Windows workstation with the Hyper-V PowerShell module (or set FERRY_POWERSHELL to the path of powershell.exe), or set this host group back to the simulator in Host > Connection Settings.',
      };
    case 'crashed':
      return {
        code: 'powershell-crashed',
        problem: `${what(ctx)} did not finish: PowerShell stopped unexpectedly (${outcome.signal ? `signal ${outcome.signal}` : `exit code ${String(outcome.exitCode)}`}) before it reported a result${outcome.detail ? `. It said: ${said(outcome.detail)}` : ''}.`,
        recommendedAction: `Check ${ctx.vm ? `where ${ctx.vm} is now` : 'the host'} in Hyper-V Manager or Failover Cluster Manager and refresh the inventory; then restart the job if it is still needed.`,
      };
    case 'cancel-timeout':
      return {
        code: 'cancel-not-confirmed',
        problem: `${what(ctx)} was asked to stop, but Hyper-V did not confirm it in time, so Ferry ended its PowerShell process.`,
        recommendedAction: `Check ${ctx.vm ?? 'the VM'} on ${hostOf(ctx)} in Hyper-V Manager (a live migration that stops leaves the VM running on its source) and refresh the inventory.`,
      };
  }
}
