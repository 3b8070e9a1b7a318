import type { Job, JobStatus } from '../../shared/model/job.js';
import type { ErrorDto, Result } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** How many recent jobs the console asks for at start-up (the Jobs pane shows the newest of them). */
export const JOBS_LIMIT = 500;

/** How many jobs the Jobs workspace loads ("all jobs"; the contract's maximum). */
export const JOBS_HISTORY_LIMIT = 10000;

/** A Cancel or Restart the admin asked for. */
export type JobAction = 'cancel' | 'restart';

/** An error the backend gave for a Cancel or Restart, shown next to the job it was about. */
export interface JobActionError {
  jobId: string;
  action: JobAction;
  error: ErrorDto;
}

/** Jobs, newest first, the one selected, and Cancel / Restart in flight. */
export interface JobsSlice {
  jobs: Job[];
  jobsError: ErrorDto | null;
  selectedJobId: string | null;
  /** The action whose request is in flight, if any. */
  jobActionPending: { jobId: string; action: JobAction } | null;
  jobActionError: JobActionError | null;
  /** Running jobs the admin asked to cancel: they end (Canceled) when the connector has stopped them. */
  cancelRequested: ReadonlySet<string>;
  /** Whether every job has been loaded (the Jobs workspace asks for the whole history once). */
  jobsHistoryLoaded: boolean;
  /** Fetches `jobs.list` and merges it in. */
  refreshJobs(): Promise<void>;
  /** Fetches the whole history (up to `JOBS_HISTORY_LIMIT`) once, for the Jobs workspace. */
  loadJobHistory(): Promise<void>;
  /** Merges changed jobs (from `jobs.changed` or a list), replacing older copies by id. */
  mergeJobs(changed: readonly Job[]): void;
  selectJob(jobId: string | null): void;
  /** Cancels a queued or running job; an error stays next to the job. */
  cancelJob(jobId: string): Promise<Result<Job>>;
  /** Restarts a failed or canceled job as a new job, which becomes the selection. */
  restartJob(jobId: string): Promise<Result<Job>>;
}

/** Where a status stands in a job's life: a job never goes back (Queued, then Running, then an end). */
function lifeStage(status: JobStatus): number {
  return status === 'Queued' ? 0 : status === 'Running' ? 1 : 2;
}

/** Whether a job has ended. */
export function jobEnded(job: Pick<Job, 'status'>): boolean {
  return lifeStage(job.status) === 2;
}

function newestFirst(a: Job, b: Job): number {
  return (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The newer of two copies of a job: a copy from an earlier stage (an answer that crossed a later event) loses. */
function newer(current: Job, incoming: Job): Job {
  return lifeStage(incoming.status) < lifeStage(current.status) ? current : incoming;
}

/**
 * Merges changed jobs into a list, newest first, capped at `limit`. Jobs already listed are replaced
 * in place (a progress batch costs one pass, no sort); new ones are sorted in.
 */
export function mergeJobLists(current: readonly Job[], changed: readonly Job[], limit = JOBS_HISTORY_LIMIT): Job[] {
  if (changed.length === 0) return current as Job[];
  const incoming = new Map<string, Job>();
  for (const job of changed) incoming.set(job.id, incoming.has(job.id) ? newer(incoming.get(job.id) as Job, job) : job);
  let replaced = 0;
  const next = current.map((job) => {
    const update = incoming.get(job.id);
    if (!update) return job;
    replaced++;
    return newer(job, update);
  });
  if (replaced === incoming.size) return next;
  const known = new Set(current.map((job) => job.id));
  for (const job of incoming.values()) if (!known.has(job.id)) next.push(job);
  return next.sort(newestFirst).slice(0, limit);
}

/** Creates the jobs slice. */
export const createJobsSlice: SliceCreator<JobsSlice> = (set, get, backend) => {
  const fetchJobs = async (limit: number): Promise<boolean> => {
    const result = await backend.invoke('jobs.list', { limit });
    if (!result.ok) {
      set({ jobsError: result.error });
      return false;
    }
    set({ jobs: mergeJobLists(get().jobs, result.value), jobsError: null });
    return true;
  };

  const act = async (jobId: string, action: JobAction): Promise<Result<Job>> => {
    set({ jobActionPending: { jobId, action }, jobActionError: null });
    const result = await backend.invoke(action === 'cancel' ? 'jobs.cancel' : 'jobs.restart', { id: jobId });
    set({ jobActionPending: null });
    if (!result.ok) {
      set({ jobActionError: { jobId, action, error: result.error } });
      return result;
    }
    get().mergeJobs([result.value]);
    if (action === 'cancel' && !jobEnded(result.value)) set({ cancelRequested: new Set([...get().cancelRequested, jobId]) });
    if (action === 'restart') set({ selectedJobId: result.value.id });
    return result;
  };

  return {
    jobs: [],
    jobsError: null,
    selectedJobId: null,
    jobActionPending: null,
    jobActionError: null,
    cancelRequested: new Set(),
    jobsHistoryLoaded: false,
    refreshJobs: async () => {
      await fetchJobs(get().jobsHistoryLoaded ? JOBS_HISTORY_LIMIT : JOBS_LIMIT);
    },
    loadJobHistory: async () => {
      if (get().jobsHistoryLoaded) return;
      if (await fetchJobs(JOBS_HISTORY_LIMIT)) set({ jobsHistoryLoaded: true });
    },
    mergeJobs: (changed) => set({ jobs: mergeJobLists(get().jobs, changed) }),
    selectJob: (jobId) => {
      if (jobId === get().selectedJobId) return;
      const error = get().jobActionError;
      set({ selectedJobId: jobId, jobActionError: error && error.jobId === jobId ? error : null });
    },
    cancelJob: (jobId) => act(jobId, 'cancel'),
    restartJob: (jobId) => act(jobId, 'restart'),
  };
};
