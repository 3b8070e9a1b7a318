import type { VmHold } from '../../../shared/model/job.js';
import type { Issue } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';

/** A job's id as the admin reads it in sentences: its first 8 characters, as the Jobs pane shows it. */
export function shortJobId(id: string): string {
  return id.slice(0, 8);
}

/**
 * The `vm-busy` reason (migration-rules.md section 4): the VM already has a move, start or save queued
 * or running, named with the job in the way and what to do about it.
 */
export function vmBusyIssue(hold: VmHold): Issue<'vm-busy'> {
  const job = `job ${shortJobId(hold.jobId)}`;
  const doing = ((): string => {
    switch (hold.kind) {
      case 'migrate-vm':
        return `${hold.vm} is already being migrated${hold.destinationHost ? ` to ${hold.destinationHost}` : ''} by ${job}`;
      case 'migrate-storage':
        return `${hold.vm}'s storage is already being moved by ${job}`;
      case 'start-vm':
        return `${hold.vm} is already being started by ${job}`;
      case 'save-vm':
        return `${hold.vm} is already being saved by ${job}`;
      case 'import-inventory':
      case 'host-settings':
      case 'stop-maintenance':
      case 'lab':
        return `${hold.vm} is already in use by ${job}`;
      default:
        return assertNever(hold.kind);
    }
  })();
  const queued = hold.status === 'Queued' ? ' (queued)' : '';
  return { code: 'vm-busy', message: `${doing}${queued}: wait for it to end or cancel it.` };
}
