import type { Job, JobMove, JobStatus } from '../../shared/model/job.js';

const LIVE_STEPS = ['Validate', 'Live-migrate memory', 'Switch over', 'Clean up'];

/** Steps of a live move at a given stage: the ones before `running` completed, that one at `percent`, the rest queued. */
export function liveSteps(running: number, percent: number, status: JobStatus = 'Running'): Job['steps'] {
  return LIVE_STEPS.map((name, i) => ({
    name,
    status: i < running ? 'Completed' : i === running ? status : 'Queued',
    progress: i < running ? 100 : i === running ? percent : 0,
  }));
}

/** A job as `migration.submit` or `vm.start` answers it: queued, not started; `target` is the name unless the patch says. */
export function makeJob(id: string, name: string, patch: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'migrate-vm',
    name,
    status: 'Queued',
    progress: 0,
    owner: 'CONTOSO\\admin',
    target: name,
    createdAt: '2026-11-20T10:00:00Z',
    startedAt: null,
    endedAt: null,
    steps: [],
    error: null,
    summary: null,
    waitingFor: null,
    metrics: null,
    restartOf: null,
    move: null,
    groupId: null,
    ...patch,
  };
}

/** A migration job with sensible defaults, for tests: a live move of `vm` from `from` to `to`. */
export function makeMoveJob(id: string, vm: string, from: string, to: string, patch: Omit<Partial<Job>, 'move'> & { move?: Partial<JobMove> } = {}): Job {
  const { move, ...rest } = patch;
  return makeJob(id, `Migrate virtual machine ${vm} to ${to}`, {
    status: 'Running',
    progress: 40,
    target: vm,
    startedAt: '2026-11-20T10:00:01Z',
    steps: liveSteps(1, 40),
    metrics: { bytesSent: 6.4e9, throughputBps: 1.25e9, downtimeMs: null, passes: 2, etaSeconds: 75, totalSeconds: null },
    move: { kind: 'live', sourceHost: from, destinationHost: to, performanceOption: 'Compression', ...move },
    ...rest,
  });
}

/** A queued move that waits for a slot. */
export function makeQueuedJob(id: string, vm: string, from: string, to: string, waitingFor: string, createdAt = '2026-11-20T10:00:05Z'): Job {
  return makeMoveJob(id, vm, from, to, {
    status: 'Queued',
    progress: 0,
    createdAt,
    startedAt: null,
    steps: liveSteps(-1, 0),
    metrics: null,
    waitingFor,
  });
}
