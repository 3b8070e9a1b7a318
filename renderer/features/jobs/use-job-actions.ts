import type { Job } from '../../../shared/model/job.js';
import { useAppStore } from '../../store/store-context.js';
import { jobCancelable, jobRestartable } from './job-format.js';

/** What the admin can do with a job, for its details, the ribbon and the jobs' context menu. */
export interface JobActions {
  job: Job | null;
  canCancel: boolean;
  canRestart: boolean;
  /** A cancel was asked for and the running move has not stopped yet. */
  canceling: boolean;
  restarting: boolean;
  cancel(): void;
  restart(): void;
}

/** Cancel and Restart for a job (the selected one unless another is given). */
export function useJobActions(jobId?: string): JobActions {
  const job = useAppStore((s) => {
    const id = jobId ?? s.selectedJobId;
    return id === null ? null : (s.jobs.find((j) => j.id === id) ?? null);
  });
  const pending = useAppStore((s) => s.jobActionPending);
  const requested = useAppStore((s) => (job ? s.cancelRequested.has(job.id) : false));
  const cancelJob = useAppStore((s) => s.cancelJob);
  const restartJob = useAppStore((s) => s.restartJob);
  const busy = job !== null && pending?.jobId === job.id;
  const canceling = job !== null && jobCancelable(job) && (requested || (busy && pending?.action === 'cancel'));
  const restarting = busy && pending?.action === 'restart';
  return {
    job,
    canCancel: job !== null && jobCancelable(job) && !canceling && !busy,
    canRestart: job !== null && jobRestartable(job) && !busy,
    canceling,
    restarting,
    cancel: () => {
      if (job) void cancelJob(job.id);
    },
    restart: () => {
      if (job) void restartJob(job.id);
    },
  };
}
