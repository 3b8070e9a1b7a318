import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job.js';
import { makeMoveJob, makeQueuedJob } from '../testing/sample-jobs.js';
import { mergeJobLists } from './jobs-slice.js';

const at = (id: string, minute: number, patch: Omit<Partial<Job>, 'move'> = {}) =>
  makeMoveJob(id, `VM-${id}`, 'HV-A', 'HV-B', { createdAt: `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`, ...patch });

describe('mergeJobLists', () => {
  it('replaces listed jobs in place, keeping the order', () => {
    const list = [at('c', 3), at('b', 2), at('a', 1)];
    const merged = mergeJobLists(list, [at('b', 2, { progress: 90 })]);
    expect(merged.map((j) => j.id)).toEqual(['c', 'b', 'a']);
    expect(merged[1].progress).toBe(90);
    expect(merged[0]).toBe(list[0]);
  });

  it('sorts new jobs in, newest first, and caps the list', () => {
    const merged = mergeJobLists([at('c', 3), at('a', 1)], [at('b', 2), at('d', 4)], 3);
    expect(merged.map((j) => j.id)).toEqual(['d', 'c', 'b']);
  });

  it('keeps a job’s later stage when an older copy arrives after it (an answer that crossed an event)', () => {
    const running = at('a', 1, { status: 'Running', progress: 20 });
    const queuedCopy = makeQueuedJob('a', 'VM-a', 'HV-A', 'HV-B', 'waiting…', running.createdAt);
    expect(mergeJobLists([running], [queuedCopy])[0].status).toBe('Running');
    const ended = at('a', 1, { status: 'Canceled' });
    expect(mergeJobLists([ended], [running])[0].status).toBe('Canceled');
    // Within one batch too.
    expect(mergeJobLists([], [ended, running])[0].status).toBe('Canceled');
  });

  it('returns the same list when nothing changed', () => {
    const list = [at('a', 1)];
    expect(mergeJobLists(list, [])).toBe(list);
  });
});
