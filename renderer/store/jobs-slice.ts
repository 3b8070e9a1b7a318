import type { Job } from '../../shared/model/job.js';
import type { ErrorDto } from '../../shared/model/result.js';
import type { SliceCreator } from './app-store.js';

/** How many recent jobs the pane asks for and keeps. */
export const JOBS_LIMIT = 500;

/** Recent jobs, newest first, and the one selected in the Jobs pane. */
export interface JobsSlice {
  jobs: Job[];
  jobsError: ErrorDto | null;
  selectedJobId: string | null;
  /** Fetches `jobs.list` and merges it in. */
  refreshJobs(): Promise<void>;
  /** Merges changed jobs (from `jobs.changed` or a list), replacing older copies by id. */
  mergeJobs(changed: readonly Job[]): void;
  selectJob(jobId: string | null): void;
}

function newestFirst(a: Job, b: Job): number {
  return (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Merges changed jobs into a list: replaced by id, newest first, capped at `JOBS_LIMIT`. */
export function mergeJobLists(current: readonly Job[], changed: readonly Job[]): Job[] {
  if (changed.length === 0) return current as Job[];
  const byId = new Map(current.map((job) => [job.id, job]));
  for (const job of changed) byId.set(job.id, job);
  return [...byId.values()].sort(newestFirst).slice(0, JOBS_LIMIT);
}

/** Creates the jobs slice. */
export const createJobsSlice: SliceCreator<JobsSlice> = (set, get, backend) => ({
  jobs: [],
  jobsError: null,
  selectedJobId: null,
  refreshJobs: async () => {
    const result = await backend.invoke('jobs.list', { limit: JOBS_LIMIT });
    if (!result.ok) {
      set({ jobsError: result.error });
      return;
    }
    set({ jobs: mergeJobLists(get().jobs, result.value), jobsError: null });
  },
  mergeJobs: (changed) => set({ jobs: mergeJobLists(get().jobs, changed) }),
  selectJob: (jobId) => set({ selectedJobId: jobId }),
});
