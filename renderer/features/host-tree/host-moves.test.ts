import { describe, expect, it } from 'vitest';
import { makeMoveJob, makeQueuedJob } from '../../testing/sample-jobs.js';
import { hostMovesInFlight } from './host-moves.js';

describe('hostMovesInFlight', () => {
  it('counts a running move on its source and its destination, with the mean progress of a host’s moves', () => {
    const moves = hostMovesInFlight([
      makeMoveJob('1', 'WEB-01', 'HV-01', 'HV-02', { progress: 40 }),
      makeMoveJob('2', 'WEB-02', 'hv-01', 'HV-03', { progress: 61 }),
    ]);
    expect(moves.get('hv-01')).toEqual({ count: 2, percent: 50 });
    expect(moves.get('hv-02')).toEqual({ count: 1, percent: 40 });
    expect(moves.get('hv-03')).toEqual({ count: 1, percent: 61 });
  });

  it('counts a storage move once on its host, and leaves out queued, ended and non-move jobs', () => {
    const moves = hostMovesInFlight(
      [
        makeMoveJob('1', 'WEB-01', 'HV-01', 'HV-01', { progress: 20, move: { kind: 'storage' } }),
        makeQueuedJob('2', 'WEB-02', 'HV-02', 'HV-03', 'waiting for a slot'),
        makeMoveJob('3', 'WEB-03', 'HV-02', 'HV-03', { status: 'Completed', progress: 100 }),
        makeMoveJob('4', 'WEB-04', 'HV-02', 'HV-03', { move: undefined, kind: 'start-vm' }),
      ].map((job) => (job.id === '4' ? { ...job, move: null } : job)),
    );
    expect([...moves.entries()]).toEqual([['hv-01', { count: 1, percent: 20 }]]);
  });
});
