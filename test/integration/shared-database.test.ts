import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { createAppServices } from '../../main/services/app-services.js';
import { demoDatabasePerTest, ferryRun, ferryStart, waitUntil } from '../fixtures/ferry-process.js';

// The CLI and a running app on one database file (issue 4): a headless Ferry app (`ferry serve`,
// the app's backend without a window) runs the moves, and separate `ferry` processes queue,
// follow, list and cancel them. Every process is real and the file is real.

const LONG = 120_000;
const estate = demoDatabasePerTest('ferry-shared-');

const LOCKED = /SQLITE_BUSY|database is locked|Error/;

describe('ferry commands and a running Ferry app on one database', () => {
  it(
    'the command queues, the app runs, a cancel from a third process stops it, and every process sees the same jobs',
    async () => {
      const app = ferryStart(['serve', '--db', estate.path, '--port', '0', '--speed', '1']);
      await app.waitForStdout(/Ferry console: http:\/\/127\.0\.0\.1:\d+\//, LONG);
      const outputs: { stderr: string }[] = [];

      // The command queues the move and returns: the app runs it.
      const queued = await ferryRun(['migrate', 'SQL-TO-03', '--to', 'HV-TO-01', '--db', estate.path]);
      outputs.push(queued);
      expect(queued.code).toBe(0);
      const id = /^Queued job ([0-9a-f-]{36}): the Ferry app serving this database runs it\.\n$/.exec(queued.stdout)?.[1] as string;
      expect(id).toBeDefined();
      await waitUntil('the app to run the move', () => estate.view.job(id)?.status === 'Running' && (estate.view.job(id)?.progress ?? 0) > 0, {
        timeoutMs: LONG,
      });
      expect(estate.view.runnerOf(id)).toMatchObject({ pid: app.pid, kind: 'app' });

      // Another command waits for its move, which the app runs too, drawing the bar on its stderr.
      const follower = ferryStart(['migrate', 'WEB-TO-01', '--to', 'HV-TO-02', '--db', estate.path, '--wait', '--json']);

      // Readers while the app writes progress several times a second: none sees a busy database.
      const readers = await Promise.all([1, 2, 3].map(() => ferryRun(['jobs', '--json', '--db', estate.path])));
      for (const r of readers) {
        outputs.push(r);
        expect(r.code).toBe(0);
        expect((JSON.parse(r.stdout) as Job[]).find((j) => j.id === id)?.status).toBe('Running');
      }

      // A cancel from a third process reaches the app through the database.
      const cancel = await ferryRun(['cancel', id.slice(0, 8), '--db', estate.path]);
      outputs.push(cancel);
      expect(cancel).toMatchObject({ code: 0, stdout: 'Asked the process running Migrate virtual machine SQL-TO-03 to HV-TO-01 to cancel it.\n' });
      await waitUntil('the app to cancel the move', () => estate.view.job(id)?.status === 'Canceled', { timeoutMs: LONG });

      const followed = await follower.exited;
      outputs.push({ stderr: follower.stderr().replace(/^\[.*$/gm, '') });
      expect(followed).toEqual({ code: 0, signal: null });
      const web = JSON.parse(follower.stdout()) as Job;
      expect(web).toMatchObject({ target: 'WEB-TO-01', status: 'Completed', error: null, move: { sourceHost: 'HV-TO-03', destinationHost: 'HV-TO-02' } });
      expect(web.metrics?.downtimeMs).toBeGreaterThan(0);
      expect(follower.stderr()).toMatch(/^\[#{24}\] 100% Completed/m);
      expect(estate.view.runnerOf(web.id)).toMatchObject({ pid: app.pid, kind: 'app' });

      // Every process sees the final state.
      const listed = await ferryRun(['jobs', '--json', '--db', estate.path]);
      outputs.push(listed);
      const jobs = JSON.parse(listed.stdout) as Job[];
      expect(jobs.find((j) => j.id === id)).toMatchObject({
        status: 'Canceled',
        summary: 'Canceled: SQL-TO-03 is still running on HV-TO-03, with nothing lost.',
      });
      expect(jobs.find((j) => j.id === web.id)).toEqual(web);
      const inventory = JSON.parse((await ferryRun(['inventory', '--json', '--db', estate.path])).stdout) as InventoryDocument;
      expect(inventory.vms.find((v) => v.name === 'SQL-TO-03')?.host).toBe('HV-TO-03');
      expect(inventory.vms.find((v) => v.name === 'WEB-TO-01')?.host).toBe('HV-TO-02');

      expect(await app.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      outputs.push({ stderr: app.stderr() });
      for (const o of outputs) expect(o.stderr).not.toMatch(LOCKED);
      expect(estate.view.runnerCount()).toBe(0);
    },
    LONG * 2,
  );

  it(
    'an app starting later runs what was queued without it, and runs a job restarted from a command',
    async () => {
      // Queued while no runner serves the file: the moves wait.
      const cli = await createAppServices({ databasePath: estate.path });
      const submit = (vm: string, to: string): string => {
        const r = cli.migration.submitVm({ vm, destinationHost: to });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.id;
      };
      const dc = submit('DC-TO-01', 'HV-TO-02');
      const web = submit('WEB-TO-02', 'HV-TO-01');
      await cli.close();
      const canceled = await ferryRun(['cancel', web, '--db', estate.path]);
      expect(canceled).toMatchObject({ code: 0, stdout: 'Canceled Migrate virtual machine WEB-TO-02 to HV-TO-01.\n' });
      expect(estate.view.job(dc)?.status).toBe('Queued');

      const app = ferryStart(['serve', '--db', estate.path, '--port', '0', '--speed', '3600']);
      await waitUntil('the app to run the move queued before it started', () => estate.view.job(dc)?.status === 'Completed', { timeoutMs: LONG });
      expect(estate.view.hostOf('DC-TO-01')).toBe('HV-TO-02');

      const restarted = await ferryRun(['restart', web.slice(0, 8), '--db', estate.path]);
      expect(restarted.code).toBe(0);
      const again = /^Queued job ([0-9a-f-]{36}): the Ferry app serving this database runs it\.\n$/.exec(restarted.stdout)?.[1] as string;
      await waitUntil('the app to run the restarted job', () => estate.view.job(again)?.status === 'Completed', { timeoutMs: LONG });
      expect(estate.view.job(again)).toMatchObject({ restartOf: web, target: 'WEB-TO-02' });
      expect(estate.view.job(web)?.status).toBe('Canceled');
      expect(estate.view.hostOf('WEB-TO-02')).toBe('HV-TO-01');
      expect(await app.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(app.stderr()).not.toMatch(LOCKED);
    },
    LONG * 2,
  );
});
