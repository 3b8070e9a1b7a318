import type { HyperVFailureCode } from '../../../../shared/model/errors.js';
import type { ConnectionMode } from '../../../../shared/model/connection.js';
import { text as sentence, type Text, type TextParam } from '../../../../shared/i18n/text.js';
import { jobError, type JobError } from '../../../../shared/model/job.js';
import type { PsOutcome } from './powershell-runner.js';
import type { PsError } from './scripts.js';

/** What the connector was doing when it failed, to name the hosts and the VM in the sentence. */
export interface FailureContext {
  action: 'move' | 'start' | 'save' | 'settings' | 'placement' | 'affinity' | 'refresh' | 'locate';
  mode: ConnectionMode;
  vm?: string;
  /** The host the action ran on (the move's source). */
  host?: string;
  destination?: string;
}

/** A failure in words an admin can follow (English and catalogue sentences), with a stable code for tests and logs. */
export type MappedFailure = { code: HyperVFailureCode } & Required<Omit<JobError, 'code'>>;

/** Compare-VM's incompatibility id for "the virtual switch the VM connects to is not on the destination". */
export const SWITCH_NOT_FOUND_MESSAGE_ID = 33012;

const has = (text: string, ...patterns: RegExp[]): boolean => patterns.some((p) => p.test(text));

function hostOf(ctx: FailureContext): TextParam {
  return ctx.host ?? sentence('hv.theHost');
}

function what(ctx: FailureContext): Text {
  switch (ctx.action) {
    case 'move':
      return ctx.vm ? sentence('hv.what.move', { vm: ctx.vm }) : sentence('hv.what.move.any');
    case 'start':
      return ctx.vm ? sentence('hv.what.start', { vm: ctx.vm }) : sentence('hv.what.start.any');
    case 'save':
      return ctx.vm ? sentence('hv.what.save', { vm: ctx.vm }) : sentence('hv.what.save.any');
    case 'settings':
      return sentence('hv.what.settings', { host: hostOf(ctx) });
    case 'placement':
      return ctx.vm ? sentence('hv.what.placement', { vm: ctx.vm }) : sentence('hv.what.placement.any');
    case 'affinity':
      return ctx.vm ? sentence('hv.what.affinity', { rule: ctx.vm }) : sentence('hv.what.affinity.any');
    case 'refresh':
      return sentence('hv.what.refresh', { host: hostOf(ctx) });
    case 'locate':
      return ctx.vm ? sentence('hv.what.locate', { vm: ctx.vm }) : sentence('hv.what.locate.any');
  }
}

/** Shortens what PowerShell said to a sentence that fits a job's error. */
function said(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 600 ? `${flat.slice(0, 600)}…` : flat;
}

/** A mapped failure: its code, and its problem and action said both ways. */
function failure(code: HyperVFailureCode, problem: Text, action: Text): MappedFailure {
  return { ...(jobError(problem, action) as Required<Omit<JobError, 'code'>>), code };
}

/**
 * Turns what a script reported into a known failure with its fix, or passes an unknown one through
 * with a generic action. One rule per known failure (migration-rules.md section 6: a failed job
 * carries a problem and a recommended action).
 */
export function mapHyperVError(error: PsError, ctx: FailureContext): MappedFailure {
  const text = `${error.message} ${error.hresults.join(' ')} ${error.errorId}`;
  const w = what(ctx);
  const host = hostOf(ctx);
  const dest = ctx.destination ?? sentence('hv.theDestination');
  const vm = ctx.vm ?? sentence('hv.theVm');
  const https = ctx.mode === 'winrm-https';
  if (has(text, /0x8009030E/i, /No credentials are available in the security package/i)) {
    return failure(
      'credssp-no-credentials',
      sentence(ctx.mode === 'local' ? 'hv.credssp.local' : 'hv.credssp', { what: w, host, dest }),
      sentence('hv.credssp.action', { host, dest }),
    );
  }
  if (has(text, /0x8009030D/i, /0x80090322/i, /constrained delegation/i) || (has(text, /failed to authenticate the connection/i) && has(text, /Kerberos/i))) {
    return failure('kerberos-delegation', sentence('hv.kerberos', { what: w, host, dest }), sentence('hv.kerberos.action', { host, dest }));
  }
  if (has(text, /processor-specific features not supported/i, /processor.{0,40}(not )?compatib/i)) {
    return failure(
      'processor-incompatible',
      sentence('hv.processor', { what: w, vm: ctx.vm ?? sentence('hv.theVirtualMachine'), dest }),
      sentence('hv.processor.action', { vm }),
    );
  }
  if (
    error.messageIds.includes(SWITCH_NOT_FOUND_MESSAGE_ID) ||
    has(text, /Could not find (Ethernet|virtual) switch/i, /virtual switch .{0,80}(not found|does not exist|could not be found)/i)
  ) {
    const switchName = /switch '([^']+)'/i.exec(error.message)?.[1];
    return failure(
      'switch-not-found',
      switchName
        ? sentence('hv.switch.named', { what: w, id: SWITCH_NOT_FOUND_MESSAGE_ID, dest, switch: switchName, vm })
        : sentence('hv.switch', { what: w, id: SWITCH_NOT_FOUND_MESSAGE_ID, dest, vm }),
      sentence('hv.switch.action', { dest }),
    );
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
    return failure(
      'winrm-unreachable',
      sentence(https ? 'hv.winrm.https' : 'hv.winrm', { what: w, host }),
      sentence(https ? 'hv.winrm.https.action' : 'hv.winrm.action', { host }),
    );
  }
  if (has(text, /0x80070005/i, /Access is denied/i, /required permission/i, /UnauthorizedAccess/i, /PermissionDenied/i)) {
    return failure(
      'access-denied',
      sentence('hv.access', { what: w, host }),
      ctx.destination ? sentence('hv.access.action.both', { host, dest: ctx.destination }) : sentence('hv.access.action', { host }),
    );
  }
  if (has(text, /The term '(Get|Move|Set|Start)-VM\w*' is not recognized/i, /module 'Hyper-V'.{0,60}(not|could not)/i)) {
    return failure('hyperv-module-missing', sentence('hv.module', { what: w }), sentence('hv.module.action'));
  }
  if (has(text, /running scripts is disabled on this system/i, /cannot be loaded because .{0,40}not digitally signed/i)) {
    return failure('scripts-disabled', sentence('hv.scripts', { what: w }), sentence('hv.scripts.action'));
  }
  return failure(
    'unknown',
    sentence('hv.unknown', { what: w, said: said(error.message) || sentence('hv.noMessage') }),
    ctx.destination ? sentence('hv.unknown.action.both', { host, dest: ctx.destination }) : sentence('hv.unknown.action', { host }),
  );
}

/** Turns a run that never produced a record of its own (PowerShell missing, crashed, killed) into words. */
export function mapRunFailure(outcome: Extract<PsOutcome, { kind: 'not-started' | 'crashed' | 'cancel-timeout' }>, ctx: FailureContext): MappedFailure {
  const w = what(ctx);
  switch (outcome.kind) {
    case 'not-started':
      return failure(
        'powershell-not-found',
        sentence('hv.notStarted', { what: w, executable: outcome.executable, message: outcome.message }),
        sentence('hv.notStarted.action'),
      );
    case 'crashed': {
      const how = outcome.signal ? sentence('hv.crashed.signal', { signal: outcome.signal }) : sentence('hv.crashed.exit', { code: String(outcome.exitCode) });
      return failure(
        'powershell-crashed',
        outcome.detail ? sentence('hv.crashed.said', { what: w, how, said: said(outcome.detail) }) : sentence('hv.crashed', { what: w, how }),
        ctx.vm ? sentence('hv.crashed.action.vm', { vm: ctx.vm }) : sentence('hv.crashed.action'),
      );
    }
    case 'cancel-timeout':
      return failure(
        'cancel-not-confirmed',
        sentence('hv.cancelTimeout', { what: w }),
        sentence('hv.cancelTimeout.action', { vm: ctx.vm ?? sentence('hv.theVm'), host: hostOf(ctx) }),
      );
  }
}
