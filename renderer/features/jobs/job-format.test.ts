import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translator.js';
import { makeMoveJob } from '../../testing/sample-jobs.js';
import { formatBytes, formatDuration, formatThroughput, jobCancelable, jobRestartable, latestJobByVm } from './job-format.js';

const en = createTranslator('en', 'en-US');
const it_ = createTranslator('it', 'it-IT');

describe('job formatting', () => {
  it('gives durations as an admin reads them', () => {
    expect(formatDuration(en, 4.25)).toBe('4.3 s');
    expect(formatDuration(en, 42)).toBe('42 s');
    expect(formatDuration(en, 185)).toBe('3 min 05 s');
    expect(formatDuration(en, 7800)).toBe('2 h 10 min');
    expect(formatDuration(it_, 4.25)).toBe('4,3 s');
  });

  it('gives bytes in decimal units and throughput in bits per second', () => {
    expect(formatBytes(en, 512e6)).toBe('512 MB');
    expect(formatBytes(en, 17.53e9)).toBe('17.5 GB');
    expect(formatBytes(en, 2.5e12)).toBe('2.5 TB');
    expect(formatThroughput(en, 1.25e9)).toBe('10 Gbps');
    expect(formatThroughput(en, 50e6)).toBe('400 Mbps');
  });

  it('allows Cancel on queued and running jobs, Restart on failed and canceled ones', () => {
    expect(['Queued', 'Running', 'Completed', 'Completed with info', 'Failed', 'Canceled'].filter((status) => jobCancelable({ status } as never))).toEqual([
      'Queued',
      'Running',
    ]);
    expect(['Queued', 'Running', 'Completed', 'Completed with info', 'Failed', 'Canceled'].filter((status) => jobRestartable({ status } as never))).toEqual([
      'Failed',
      'Canceled',
    ]);
  });

  it('finds each VM’s latest job, by name whatever its case, ignoring imports', () => {
    const newer = makeMoveJob('2', 'SQL-01', 'A', 'B');
    const older = makeMoveJob('1', 'sql-01', 'A', 'B', { status: 'Failed' });
    const byVm = latestJobByVm([newer, older, { ...makeMoveJob('3', 'estate.json', 'A', 'B'), kind: 'import-inventory' }]);
    expect(byVm.get('sql-01')?.id).toBe('2');
    expect(byVm.has('estate.json')).toBe(false);
  });
});
