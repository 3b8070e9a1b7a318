import { describe, expect, it } from 'vitest';
import { groupMoveJob, jobGroup } from '../../testing/plan-answers.js';
import { groupEnd, groupProgress } from './job-groups.js';

const ended = (endedAt: string) => ({ status: 'Completed' as const, progress: 100, endedAt });
const end = (group: ReturnType<typeof jobGroup>, jobs: Parameters<typeof groupProgress>[1]) => groupEnd(group, jobs, groupProgress(group, jobs));

describe('groupEnd', () => {
  it('while the group runs: its creation plus the predicted window, marked predicted', () => {
    const jobs = [groupMoveJob('a', 'g', 'VM-1', 'H1', 'H2', ended('2026-11-20T11:00:30Z')), groupMoveJob('b', 'g', 'VM-2', 'H1', 'H2')];
    expect(end(jobGroup('g', 'Run plan', jobs), jobs)).toEqual({ kind: 'predicted', at: '2026-11-20T11:01:35.000Z' });
  });

  it('once every job has ended: the latest job end, whatever the prediction said', () => {
    const jobs = [
      groupMoveJob('a', 'g', 'VM-1', 'H1', 'H2', ended('2026-11-20T11:09:00Z')),
      groupMoveJob('b', 'g', 'VM-2', 'H1', 'H2', { status: 'Failed', progress: 40, endedAt: '2026-11-20T11:12:30Z' }),
      groupMoveJob('c', 'g', 'VM-3', 'H1', 'H2', ended('2026-11-20T11:03:00Z')),
    ];
    expect(end(jobGroup('g', 'Run plan', jobs), jobs)).toEqual({ kind: 'ended', at: '2026-11-20T11:12:30Z' });
  });

  it('an aborted group whose jobs are still winding down shows no end yet', () => {
    const jobs = [groupMoveJob('a', 'g', 'VM-1', 'H1', 'H2')];
    expect(end(jobGroup('g', 'Run plan', jobs, { abortedAt: '2026-11-20T11:00:10Z' }), jobs)).toBeNull();
  });
});
