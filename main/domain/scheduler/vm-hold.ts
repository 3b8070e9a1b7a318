import type { VmHold } from '../../../shared/model/job.js';
import type { Issue } from '../../../shared/model/placement.js';
import { assertNever, err, type Result } from '../../../shared/model/result.js';
import { say, text, type Said } from '../../../shared/i18n/text.js';

/** A job's id as the admin reads it in sentences: its first 8 characters, as the Jobs pane shows it. */
export function shortJobId(id: string): string {
  return id.slice(0, 8);
}

/**
 * The `vm-busy` reason (migration-rules.md section 4): the VM already has a move, start or save queued
 * or running, named with the job in the way and what to do about it.
 */
export function vmBusyIssue(hold: VmHold): Issue<'vm-busy'> & Said {
  const params = { vm: hold.vm, job: shortJobId(hold.jobId), queued: hold.status === 'Queued' ? text('reason.vm-busy.queued') : '' };
  const said = ((): Said => {
    switch (hold.kind) {
      case 'migrate-vm':
        return hold.destinationHost ? say('reason.vm-busy.migrate', { ...params, host: hold.destinationHost }) : say('reason.vm-busy.migrateAnywhere', params);
      case 'migrate-storage':
        return say('reason.vm-busy.storage', params);
      case 'start-vm':
        return say('reason.vm-busy.start', params);
      case 'save-vm':
        return say('reason.vm-busy.save', params);
      case 'import-inventory':
      case 'host-settings':
      case 'placement-rules':
      case 'stop-maintenance':
      case 'lab':
        return say('reason.vm-busy.inUse', params);
      default:
        return assertNever(hold.kind);
    }
  })();
  return { code: 'vm-busy', ...said };
}

/** The `vm-busy` error a refused move, start or save answers with, the holding job in its detail. */
export function vmBusyError(hold: VmHold): Result<never> {
  const issue = vmBusyIssue(hold);
  return err('vm-busy', issue.message, { hold });
}
