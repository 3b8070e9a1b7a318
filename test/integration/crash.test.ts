import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job.js';
import { createAppServices } from '../../main/services/app-services.js';
import { demoDatabasePerTest, ferryRun, ferryStart, waitUntil } from '../fixtures/ferry-process.js';

// The crash test (issue 4): real `ferry` processes on a real SQLite file, killed with SIGKILL in the
// middle of a move, then started again. Nothing may be lost, nothing may run twice, and the
// inventory must show every VM where it really is. Waits are on states in the database, with
// timeouts generous enough for a busy two-core machine; nothing depends on how fast a move runs.

const LONG = 120_000;
const estate = demoDatabasePerTest('ferry-crash-');

const stopped = (vm: string, host: string): string => `Ferry stopped while this move was running, so it did not finish. ${vm} is on ${host}.`;
const migrateJobs = (): Job[] => estate.view.allJobs().filter((j) => j.kind === 'migrate-vm');
const byId = (jobs: Job[], id: string): Job | undefined => jobs.find((j) => j.id === id);

describe('a ferry process killed in the middle of a move', () => {
  it(
    'leaves a job that the next start fails, saying where the VM is; the inventory is unchanged and restart runs it',
    async () => {
      const inventoryBefore = (await ferryRun(['inventory', '--json', '--db', estate.path])).stdout;
      const cmd = ferryStart(['migrate', 'SQL-TO-03', '--to', 'HV-TO-01', '--db', estate.path, '--speed', '1', '--wait']);
      // Kill it while it copies memory: the job Running, its second step under way.
      await waitUntil(
        'the move to be copying memory',
        () => {
          const j = estate.view.jobOf('SQL-TO-03');
          return j?.status === 'Running' && j.steps[1].status === 'Running';
        },
        { timeoutMs: LONG },
      );
      const job = estate.view.jobOf('SQL-TO-03') as Job;
      expect(estate.view.runnerOf(job.id)).toMatchObject({ pid: cmd.pid, kind: 'cli' });
      // --wait draws the bar on stderr while it runs.
      await waitUntil('a progress bar on stderr', () => /\[[#-]{24}\] +\d+% Live-migrate memory/.test(cmd.stderr()), { timeoutMs: LONG });
      expect(await cmd.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

      // What the killed process left: the job still says Running, and nobody has touched it yet.
      const jobsAtCrash = estate.view.allJobs();
      expect(byId(jobsAtCrash, job.id)).toMatchObject({ status: 'Running', endedAt: null });

      // Start again: any ferry command reconciles the job whose process died.
      const listed = await ferryRun(['jobs', '--json', '--db', estate.path]);
      expect(listed.code).toBe(0);
      expect(listed.stderr).toBe('');
      const jobs = JSON.parse(listed.stdout) as Job[];
      expect(jobs.map((j) => j.id).sort()).toEqual(jobsAtCrash.map((j) => j.id).sort()); // no job lost, none added
      const failed = byId(jobs, job.id) as Job;
      expect(failed).toMatchObject({
        status: 'Failed',
        error: { problem: stopped('SQL-TO-03', 'HV-TO-03'), recommendedAction: 'Check the VM on that host, then restart the job.' },
      });
      expect(failed.steps.map((s) => s.status)).toEqual(['Completed', 'Failed', 'Queued', 'Queued']);
      expect(failed.endedAt).not.toBeNull();
      expect((await ferryRun(['inventory', '--json', '--db', estate.path])).stdout).toBe(inventoryBefore);
      expect(estate.view.runnerCount()).toBe(0);

      // A second start finds nothing more to do: the failed job stays exactly as it was.
      const again = JSON.parse((await ferryRun(['jobs', '--json', '--db', estate.path])).stdout) as Job[];
      expect(again).toEqual(jobs);

      // Restart runs the move once more, as a new job, and the VM ends on its destination.
      const restarted = await ferryRun(['restart', job.id.slice(0, 8), '--db', estate.path, '--speed', '3600', '--wait', '--json']);
      expect(restarted.code).toBe(0);
      expect(JSON.parse(restarted.stdout)).toMatchObject({
        status: 'Completed',
        restartOf: job.id,
        move: { sourceHost: 'HV-TO-03', destinationHost: 'HV-TO-01' },
      });
      expect(estate.view.job(job.id)).toEqual(failed);
      expect(migrateJobs()).toHaveLength(2);
      expect(estate.view.hostOf('SQL-TO-03')).toBe('HV-TO-01');
    },
    LONG * 2,
  );

  it(
    'the app killed with two moves running and one queued: the next runner fails the two and runs the queued one, once',
    async () => {
      const inventoryBefore = estate.view.inventory();
      const app = ferryStart(['serve', '--db', estate.path, '--port', '0', '--speed', '0.5']);
      await app.waitForStdout(/Ferry console: http:\/\/127\.0\.0\.1:\d+\//, LONG);

      // Three moves off HV-TO-03, whose limit is 2, queued from another process for the app to run.
      const cli = await createAppServices({ databasePath: estate.path });
      const ids = [
        ['SQL-TO-03', 'HV-TO-01'],
        ['ERP-TO-APP-02', 'HV-TO-02'],
        ['WEB-TO-01', 'HV-TO-02'],
      ].map(([vm, to]) => {
        const r = cli.migration.submitVm({ vm, destinationHost: to });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.id;
      });
      await cli.close();
      const [sql, erp, web] = ids;
      await waitUntil(
        'the app to run two moves and queue the third',
        () => {
          const [a, b, c] = ids.map((id) => estate.view.job(id));
          return a?.status === 'Running' && b?.status === 'Running' && c?.waitingFor !== null;
        },
        { timeoutMs: LONG },
      );
      expect(estate.view.job(web)).toMatchObject({ status: 'Queued', waitingFor: 'waiting for a live-migration slot on HV-TO-03 (2 of 2 in use), position 1' });
      expect(estate.view.runnerOf(sql)).toMatchObject({ pid: app.pid, kind: 'app' });

      expect((await app.kill('SIGKILL')).signal).toBe('SIGKILL');
      const killedAt = new Date().toISOString();
      expect(ids.map((id) => estate.view.job(id)?.status)).toEqual(['Running', 'Running', 'Queued']);

      // A new runner: the orphans fail, the queued move runs to completion.
      const next = ferryStart(['serve', '--db', estate.path, '--port', '0', '--speed', '3600']);
      await waitUntil('the queued move to complete', () => estate.view.job(web)?.status === 'Completed', { timeoutMs: LONG });
      expect(estate.view.job(sql)).toMatchObject({ status: 'Failed', error: { problem: stopped('SQL-TO-03', 'HV-TO-03') } });
      expect(estate.view.job(erp)).toMatchObject({ status: 'Failed', error: { problem: stopped('ERP-TO-APP-02', 'HV-TO-03') } });
      const ran = estate.view.job(web) as Job;
      expect(ran.startedAt! >= killedAt).toBe(true); // started by the new runner, not before the crash
      expect(estate.view.runnerOf(web)).toMatchObject({ pid: next.pid, kind: 'app' });

      // Nothing ran twice: the failed moves did not move their VMs, and no job was added.
      expect(migrateJobs().map((j) => j.id)).toEqual(ids);
      const after = estate.view.inventory();
      expect(after.vms.filter((v) => v.name !== 'WEB-TO-01')).toEqual(inventoryBefore.vms.filter((v) => v.name !== 'WEB-TO-01'));
      expect(estate.view.hostOf('WEB-TO-01')).toBe('HV-TO-02');
      expect(estate.view.hostOf('SQL-TO-03')).toBe('HV-TO-03');

      // A clean stop leaves no runner behind.
      expect(await next.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(next.stderr()).toBe('');
      expect(estate.view.runnerCount()).toBe(0);
    },
    LONG * 2,
  );

  it(
    'a ferry command killed while another waits behind it: the waiting one fails the dead job and runs its own',
    async () => {
      const first = ferryStart(['migrate', 'SQL-TO-03', '--to', 'HV-TO-01', '--db', estate.path, '--speed', '0.5', '--wait']);
      const second = ferryStart(['migrate', 'ERP-TO-APP-02', '--to', 'HV-TO-02', '--db', estate.path, '--speed', '0.5']);
      await waitUntil(
        'both moves to run',
        () => estate.view.jobOf('SQL-TO-03')?.status === 'Running' && estate.view.jobOf('ERP-TO-APP-02')?.status === 'Running',
        { timeoutMs: LONG },
      );
      const third = ferryStart(['migrate', 'WEB-TO-01', '--to', 'HV-TO-02', '--db', estate.path, '--speed', '3600', '--wait', '--json']);
      await waitUntil('the third move to queue', () => Boolean(estate.view.jobOf('WEB-TO-01')?.waitingFor), { timeoutMs: LONG });
      expect(estate.view.jobOf('WEB-TO-01')?.status).toBe('Queued');

      await first.kill('SIGKILL');
      // The waiting command's database watcher notices the dead runner: its slot frees, the third move runs.
      const done = await third.exited;
      expect(done).toEqual({ code: 0, signal: null });
      expect(JSON.parse(third.stdout())).toMatchObject({ target: 'WEB-TO-01', status: 'Completed' });
      expect(third.stderr()).toContain('Queued  waiting for a live-migration slot on HV-TO-03 (2 of 2 in use), position 1');
      expect(estate.view.jobOf('SQL-TO-03')).toMatchObject({ status: 'Failed', error: { problem: stopped('SQL-TO-03', 'HV-TO-03') } });
      // The live command's move was left alone.
      expect(estate.view.jobOf('ERP-TO-APP-02')).toMatchObject({ status: 'Running' });
      expect(estate.view.runnerOf(estate.view.jobOf('ERP-TO-APP-02')!.id)).toMatchObject({ pid: second.pid, kind: 'cli' });

      await second.kill('SIGKILL');
      const jobs = JSON.parse((await ferryRun(['jobs', '--json', '--db', estate.path])).stdout) as Job[];
      expect(Object.fromEntries(jobs.filter((j) => j.kind === 'migrate-vm').map((j) => [j.target, j.status]))).toEqual({
        'WEB-TO-01': 'Completed',
        'ERP-TO-APP-02': 'Failed',
        'SQL-TO-03': 'Failed',
      });
      expect(estate.view.hostOf('SQL-TO-03')).toBe('HV-TO-03');
      expect(estate.view.hostOf('ERP-TO-APP-02')).toBe('HV-TO-03');
      expect(estate.view.hostOf('WEB-TO-01')).toBe('HV-TO-02');
    },
    LONG * 2,
  );
});
