// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/model/job.js';
import { err } from '../../../shared/model/result.js';
import { createFakeBackend } from '../../api/fake-backend.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { liveSteps, makeMoveJob, makeQueuedJob } from '../../testing/sample-jobs.js';
import { sampleInventory } from '../../testing/sample-inventory.js';
import { JobsPane } from './JobsPane.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

const WAIT = 'waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1';

const running = makeMoveJob('j-run', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', { createdAt: '2026-11-20T10:00:00Z' });
const queued = makeQueuedJob('j-queued', 'web-01', 'HV-MI-11', 'HV-MI-12', WAIT);
const failed = makeMoveJob('j-failed', 'DC-MI-01', 'HV-MI-20', 'HV-MI-11', {
  createdAt: '2026-11-20T09:00:00Z',
  status: 'Failed',
  progress: 35,
  endedAt: '2026-11-20T09:01:00Z',
  steps: liveSteps(1, 35, 'Failed'),
  error: {
    problem: 'The memory copy did not converge: DC-MI-01 dirties memory faster than the link sends it.',
    recommendedAction: 'Use SMB or Compression, or move it when it is less busy.',
  },
  summary: 'DC-MI-01 is on HV-MI-20.',
  metrics: { bytesSent: 2.1e9, throughputBps: 5e8, downtimeMs: null, passes: 10, etaSeconds: null, totalSeconds: null },
});
const completed = makeMoveJob('j-done', 'APP-TO-02', 'HV-TO-02', 'HV-TO-01', {
  createdAt: '2026-11-20T08:00:00Z',
  status: 'Completed',
  progress: 100,
  endedAt: '2026-11-20T08:00:12Z',
  steps: liveSteps(4, 0),
  summary: 'Moved APP-TO-02 to HV-TO-01 in 11.0 s, downtime 248 ms, 17.5 GB sent',
  metrics: { bytesSent: 17.5e9, throughputBps: 1.59e9, downtimeMs: 248.2, passes: 3, etaSeconds: null, totalSeconds: 11 },
});

async function renderPane(jobs: Job[] = [running, queued, failed, completed]) {
  return renderWithStore(<JobsPane />, createFakeBackend({ inventory: sampleInventory(), jobs }));
}

const grid = () => screen.getByRole('grid', { name: 'Jobs' });
const row = (name: RegExp) => within(grid()).getByRole('row', { name });
const details = () => screen.getByRole('region', { name: 'Job details' });
/** The value next to a label in the details (a `<dt>`/`<dd>` pair). */
const valueOf = (label: string) => within(details()).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('Jobs pane', () => {
  it('lists each job with its status, progress, time left, start and end, and target', async () => {
    await renderPane();
    expect(
      within(grid())
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Status', 'Progress', 'Time left', 'Start time', 'End time', 'Target']);
    const runningRow = row(/SQL-PROD-01/);
    expect(within(runningRow).getByText('Running')).toBeTruthy();
    expect(within(runningRow).getByText('40%')).toBeTruthy();
    expect(within(runningRow).getByText('1 min 15 s')).toBeTruthy();
    expect(
      within(runningRow).getByRole('progressbar', { name: 'Progress of Migrate virtual machine SQL-PROD-01 to HV-MI-12' }).getAttribute('aria-valuenow'),
    ).toBe('40');
    // Ended jobs show no time left.
    expect(within(row(/APP-TO-02/)).getAllByRole('gridcell')[3].textContent).toBe('');
  });

  it('shows what a queued job waits for in place of its progress', async () => {
    await renderPane();
    const queuedRow = row(/web-01/);
    expect(within(queuedRow).getByText('Queued')).toBeTruthy();
    expect(within(queuedRow).getByText('Waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1')).toBeTruthy();
    expect(within(queuedRow).queryByRole('progressbar')).toBeNull();
  });

  it('shows a running move’s steps, each with status and progress, and what it has sent so far', async () => {
    await renderPane();
    fireEvent.click(row(/SQL-PROD-01/));
    const steps = within(details()).getByRole('list', { name: 'Steps' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((li) => li.firstChild?.textContent)).toEqual(['Validate', 'Live-migrate memory', 'Switch over', 'Clean up']);
    expect(within(items[0]).getByText('Completed')).toBeTruthy();
    expect(within(items[1]).getByText('Running')).toBeTruthy();
    expect(within(items[1]).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(within(items[2]).getByText('Queued')).toBeTruthy();
    expect(valueOf('Data sent')).toBe('6.4 GB');
    expect(valueOf('Throughput')).toBe('10 Gbps');
    expect(valueOf('Memory passes')).toBe('2');
    expect(valueOf('Measured downtime')).toBe('Not yet');
    expect(valueOf('Time left')).toBe('1 min 15 s');
    expect(valueOf('Transfer type')).toBe('Live');
    expect(valueOf('Source host')).toBe('HV-MI-11');
    expect(valueOf('Destination host')).toBe('HV-MI-12');
  });

  it('shows what a live migration has left to send, the guest’s dirty rate and the expected downtime while memory moves', async () => {
    const { backend } = await renderPane();
    fireEvent.click(row(/SQL-PROD-01/));
    // Hosts that do not measure the pre-copy (the simulator, Hyper-V) show no such rows.
    expect(within(details()).queryByText('Left to send', { selector: 'dt' })).toBeNull();
    act(() =>
      backend.putJob({ ...running, metrics: { ...running.metrics!, precopy: { remainingBytes: 1.8e9, dirtyBytesPerSecond: 1e7, expectedDowntimeMs: 312.4 } } }),
    );
    expect(valueOf('Left to send')).toBe('1.8 GB');
    expect(valueOf('Dirty rate')).toBe('80 Mbps');
    expect(valueOf('Expected downtime')).toBe('312.4 ms');
    act(() =>
      backend.putJob({ ...running, metrics: { ...running.metrics!, precopy: { remainingBytes: 4e8, dirtyBytesPerSecond: 2.5e8, expectedDowntimeMs: null } } }),
    );
    expect(valueOf('Left to send')).toBe('400 MB');
    expect(valueOf('Dirty rate')).toBe('2 Gbps');
    expect(valueOf('Expected downtime')).toBe('Not yet');
    // Once the move ends, what it measured replaces the estimates.
    act(() =>
      backend.putJob({
        ...running,
        status: 'Completed',
        progress: 100,
        endedAt: '2026-11-20T10:01:00Z',
        metrics: {
          ...running.metrics!,
          downtimeMs: 290,
          totalSeconds: 59,
          etaSeconds: null,
          precopy: { remainingBytes: 0, dirtyBytesPerSecond: 1e7, expectedDowntimeMs: 290 },
        },
      }),
    );
    expect(within(details()).queryByText('Left to send', { selector: 'dt' })).toBeNull();
    expect(valueOf('Measured downtime')).toBe('290 ms');
  });

  it('shows a completed move’s downtime, passes, total time and summary', async () => {
    await renderPane();
    fireEvent.click(row(/APP-TO-02/));
    const d = within(details());
    expect(valueOf('Measured downtime')).toBe('248.2 ms');
    expect(valueOf('Total time')).toBe('11 s');
    expect(valueOf('Memory passes')).toBe('3');
    expect(valueOf('Average throughput')).toBe('12.7 Gbps');
    expect(valueOf('Data sent')).toBe('17.5 GB');
    expect(valueOf('Result')).toBe('Moved APP-TO-02 to HV-TO-01 in 11.0 s, downtime 248 ms, 17.5 GB sent');
    expect(d.queryByText('Time left', { selector: 'dt' })).toBeNull();
    expect(d.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(d.queryByRole('button', { name: 'Restart' })).toBeNull();
  });

  it('shows a failed job’s problem and recommended action', async () => {
    await renderPane();
    fireEvent.click(row(/DC-MI-01/));
    const d = within(details());
    expect(d.getByText(failed.error!.problem)).toBeTruthy();
    expect(d.getByText(failed.error!.recommendedAction)).toBeTruthy();
    expect(within(d.getAllByRole('listitem')[1]).getByText('Failed')).toBeTruthy();
  });

  it('tells what a selected queued job waits for', async () => {
    await renderPane();
    fireEvent.click(row(/web-01/));
    expect(within(details()).getByText('Waiting for a live-migration slot on HV-MI-11 (2 of 2 in use), position 1')).toBeTruthy();
  });

  it('cancels a queued job at once', async () => {
    const { backend } = await renderPane();
    fireEvent.click(row(/web-01/));
    fireEvent.click(within(details()).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(row(/web-01/)).getByText('Canceled')).toBeTruthy());
    expect(backend.calls.some((c) => c.channel === 'jobs.cancel' && (c.args as { id: string }).id === 'j-queued')).toBe(true);
    expect(within(details()).getByRole('button', { name: 'Restart' })).toBeTruthy();
  });

  it('says a running job is being canceled until its move stops, then offers Restart', async () => {
    const { backend } = await renderPane();
    fireEvent.click(row(/SQL-PROD-01/));
    fireEvent.click(within(details()).getByRole('button', { name: 'Cancel' }));
    const canceling = await within(details()).findByRole('button', { name: 'Canceling…' });
    expect(canceling.hasAttribute('disabled')).toBe(true);
    expect(within(details()).getByText(/Cancel requested/)).toBeTruthy();
    act(() =>
      backend.putJob({
        ...running,
        status: 'Canceled',
        endedAt: '2026-11-20T10:00:30Z',
        summary: 'Canceled: SQL-PROD-01 is still running on HV-MI-11, with nothing lost.',
      }),
    );
    expect(within(details()).getByText('Canceled: SQL-PROD-01 is still running on HV-MI-11, with nothing lost.')).toBeTruthy();
    expect(within(details()).getByRole('button', { name: 'Restart' })).toBeTruthy();
    expect(within(details()).queryByText(/Cancel requested/)).toBeNull();
  });

  it('restarts a failed job as a new job, selects it and says which job it restarted', async () => {
    await renderPane();
    fireEvent.click(row(/DC-MI-01/));
    fireEvent.click(within(details()).getByRole('button', { name: 'Restart' }));
    await waitFor(() => expect(within(details()).getByText('Restarted from')).toBeTruthy());
    expect(within(grid()).getAllByRole('row', { name: /DC-MI-01/ })).toHaveLength(2);
    expect(valueOf('Status')).toBe('Queued');
    // The link goes back to the job it restarted.
    fireEvent.click(within(details()).getByRole('button', { name: /Migrate virtual machine DC-MI-01 to HV-MI-11/ }));
    expect(within(details()).getByText(failed.error!.problem)).toBeTruthy();
  });

  it('shows the backend’s refusal next to the job', async () => {
    const { backend } = await renderPane();
    backend.override('jobs.restart', () => err('vm-not-found', 'DC-MI-01 is no longer in the inventory.'));
    fireEvent.click(row(/DC-MI-01/));
    fireEvent.click(within(details()).getByRole('button', { name: 'Restart' }));
    expect(await within(details()).findByText('The job was not restarted: DC-MI-01 is no longer in the inventory.')).toBeTruthy();
    // It belongs to that job: another job's details do not show it.
    fireEvent.click(row(/SQL-PROD-01/));
    expect(within(details()).queryByText(/was not restarted/)).toBeNull();
  });

  it('follows progress events in place, and a queued job that starts', async () => {
    const { backend } = await renderPane();
    act(() => backend.putJob({ ...running, progress: 75, metrics: { ...running.metrics!, etaSeconds: 20 } }));
    expect(within(row(/SQL-PROD-01/)).getByText('75%')).toBeTruthy();
    expect(within(row(/SQL-PROD-01/)).getByText('20 s')).toBeTruthy();
    act(() => backend.putJob({ ...queued, status: 'Running', waitingFor: null, startedAt: '2026-11-20T10:01:00Z', progress: 3, steps: liveSteps(0, 30) }));
    expect(within(row(/web-01/)).getByText('Running')).toBeTruthy();
    expect(within(row(/web-01/)).queryByText(/Waiting for/)).toBeNull();
  });
});
