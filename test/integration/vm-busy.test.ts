import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job.js';
import { demoDatabasePerTest, ferryRun, ferryStart, waitUntil } from '../fixtures/ferry-process.js';

// One move per VM across processes (migration-rules.md section 4, `vm-busy`): real `ferry` processes on
// one database file race for one VM, and the database decides. Issue 12 reproduced it with two
// `ferry migrate SQL-RM-01 --to HV-RM-02 --wait` a second apart: both ran and both "completed".

const LONG = 120_000;
const estate = demoDatabasePerTest('ferry-vm-busy-');

const BUSY = /^ferry: SQL-RM-01 is already being migrated to HV-RM-02 by job ([0-9a-f]{8})( \(queued\))?: wait for it to end or cancel it\.$/m;

describe('one move per VM, across ferry processes on one database', () => {
  it(
    'a second `ferry migrate --wait` a second after the first is refused with vm-busy naming the first job, and exits 1',
    async () => {
      const first = ferryStart(['migrate', 'SQL-RM-01', '--to', 'HV-RM-02', '--db', estate.path, '--wait', '--json', '--speed', '100']);
      await waitUntil('the first move to be queued or running', () => estate.view.jobOf('SQL-RM-01') !== undefined, { timeoutMs: LONG });
      const firstJob = estate.view.jobOf('SQL-RM-01') as Job;
      await new Promise((r) => setTimeout(r, 1000));
      const second = await ferryRun(['migrate', 'SQL-RM-01', '--to', 'HV-RM-02', '--db', estate.path, '--wait', '--speed', '1']);
      expect(second.code).toBe(1);
      expect(BUSY.exec(second.stderr)?.[1]).toBe(firstJob.id.slice(0, 8));
      // The first one runs on, to its end; the VM moved once and has one migration job.
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect((JSON.parse(first.stdout()) as Job).status).toBe('Completed');
      expect(
        estate.view
          .allJobs()
          .filter((j) => j.target === 'SQL-RM-01')
          .map((j) => j.id),
      ).toEqual([firstJob.id]);
      expect(estate.view.hostOf('SQL-RM-01')).toBe('HV-RM-02');
    },
    LONG * 2,
  );

  it(
    'of four processes started at once for one VM, exactly one queues the move; the others exit 1 with vm-busy',
    async () => {
      // Real time (--speed 1): the winner's move outlasts the race, so a late loser can't find it over.
      const racers = [1, 2, 3, 4].map(() => ferryStart(['migrate', 'SQL-RM-01', '--to', 'HV-RM-02', '--db', estate.path, '--speed', '1']));
      await waitUntil('three of the four to give up', () => racers.filter((p) => p.child.exitCode !== null).length >= 3, { timeoutMs: LONG });
      const losers = racers.filter((p) => p.child.exitCode !== null);
      const winner = racers.find((p) => p.child.exitCode === null) as (typeof racers)[number];
      expect(losers.map((p) => p.child.exitCode)).toEqual([1, 1, 1]);
      const jobs = estate.view.allJobs().filter((j) => j.target === 'SQL-RM-01');
      expect(jobs.length).toBe(1);
      for (const p of losers) expect(BUSY.exec(p.stderr())?.[1], p.stderr()).toBe(jobs[0].id.slice(0, 8));
      // The winner runs the move it queued (no app serves the file).
      await waitUntil('the winner to run its move', () => estate.view.job(jobs[0].id)?.status === 'Running', { timeoutMs: LONG });
      expect(estate.view.runnerOf(jobs[0].id)?.pid).toBe(winner.pid);
      await winner.kill('SIGKILL');
    },
    LONG * 2,
  );

  it(
    'a plan of the VM from another process lists it as unmovable with vm-busy while its move runs',
    async () => {
      const mover = ferryStart(['migrate', 'SQL-RM-01', '--to', 'HV-RM-02', '--db', estate.path, '--wait', '--speed', '0.2']);
      await waitUntil('the move to run', () => estate.view.jobOf('SQL-RM-01')?.status === 'Running', { timeoutMs: LONG });
      const plan = await ferryRun(['plan', '--evacuate', 'HV-RM-01', '--json', '--db', estate.path]);
      expect(plan.code).toBe(0);
      const parsed = JSON.parse(plan.stdout) as { moves: { vm: string }[]; unmovable: { vm: string; reasons: { code: string }[] }[] };
      expect(parsed.moves.map((m) => m.vm)).not.toContain('SQL-RM-01');
      expect(parsed.unmovable.find((u) => u.vm === 'SQL-RM-01')?.reasons.map((r) => r.code)).toEqual(['vm-busy']);
      await mover.kill('SIGKILL');
    },
    LONG * 2,
  );

  it(
    'a holder killed with kill -9 does not keep the VM: the next command reconciles its job and may move the VM',
    async () => {
      const killed = ferryStart(['migrate', 'WEB-RM-01', '--to', 'HV-RM-02', '--db', estate.path, '--speed', '1']);
      await waitUntil('the move to run', () => estate.view.jobOf('WEB-RM-01')?.status === 'Running', { timeoutMs: LONG });
      const first = estate.view.jobOf('WEB-RM-01') as Job;
      await killed.kill('SIGKILL');
      const next = await ferryRun(['migrate', 'WEB-RM-01', '--to', 'HV-RM-02', '--db', estate.path, '--speed', '3600', '--wait', '--json']);
      expect(next.code).toBe(0);
      expect((JSON.parse(next.stdout) as Job).status).toBe('Completed');
      expect(estate.view.job(first.id)).toMatchObject({
        status: 'Failed',
        error: { problem: 'Ferry stopped while this move was running, so it did not finish. WEB-RM-01 is on HV-RM-01.' },
      });
    },
    LONG * 2,
  );
});
