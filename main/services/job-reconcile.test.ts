import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from './app-services.js';

// Imports, settings changes and starts run inside one process. When that process dies mid-job, the
// next start must fail the job with what it left behind, not leave it Running for ever; a job of a
// process that is still alive is left alone.
let dir: string;
let path: string;
const opened: AppServices[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-job-reconcile-'));
  path = join(dir, 'ferry.db');
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = async (): Promise<AppServices> => {
  const s = await createAppServices({ databasePath: path });
  opened.push(s);
  return s;
};

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('jobs whose process died', () => {
  it('fails a placement-rule job that was running, saying the change may or may not be recorded (in Italian too)', async () => {
    const other = await open();
    const job = other.jobs.create({
      kind: 'placement-rules',
      name: 'Add affinity rule web-apart',
      owner: 'me',
      target: 'web-apart',
      status: 'Running',
      steps: [{ name: 'Set it on cluster CL-TO-19', status: 'Running', progress: 0 }],
      now: new Date(),
      runner: 'dead-rules',
    });
    other.db
      .prepare('INSERT OR REPLACE INTO runners (id, host, pid, kind, started_at) VALUES (?, ?, ?, ?, ?)')
      .run('dead-rules', (await import('node:os')).hostname(), deadPid(), 'cli', new Date().toISOString());
    const ended = (await open()).jobs.get(job.id);
    expect(ended).toMatchObject({ status: 'Failed', error: { problemText: { key: 'fail.interrupted.rules' } } });
    expect(ended?.error?.problem).toMatch(/may or may not be on the cluster and in Ferry's inventory/);
  });

  it('fails an import that was running, saying the inventory is unchanged', async () => {
    const first = await open();
    expect((await first.inventory.importText('demo.json', readFileSync('resources/demo-inventory.json', 'utf8'))).ok).toBe(true);
    const before = first.inventory.snapshot().inventory;
    // A second process starts an import and dies: its job stays Running with its process id.
    const other = await open();
    const job = other.jobs.create({
      kind: 'import-inventory',
      name: 'Import inventory big.json',
      owner: 'me',
      target: 'big.json',
      status: 'Running',
      steps: [{ name: 'Read', status: 'Running', progress: 0 }],
      now: new Date(),
      runner: 'dead-process',
    });
    other.db
      .prepare('INSERT OR REPLACE INTO runners (id, host, pid, kind, started_at) VALUES (?, ?, ?, ?, ?)')
      .run('dead-process', (await import('node:os')).hostname(), deadPid(), 'cli', new Date().toISOString());

    const next = await open();
    const ended = next.jobs.get(job.id);
    expect(ended).toMatchObject({ status: 'Failed', steps: [{ name: 'Read', status: 'Failed' }] });
    expect(ended?.error?.problem).toMatch(/Ferry stopped while this job was running.*inventory is as it was before/);
    expect(ended?.error?.recommendedAction).toBe('Import the file again.');
    expect(next.inventory.snapshot().inventory).toEqual(before);
  });

  it('leaves alone a job whose process is alive', async () => {
    const first = await open();
    const job = first.jobs.create({
      kind: 'host-settings',
      name: 'Change settings',
      owner: 'me',
      target: 'HV-1',
      status: 'Running',
      steps: [{ name: 'HV-1', status: 'Running', progress: 0 }],
      now: new Date(),
      runner: null,
    });
    // Stamped with the live first process, as JobService.start stamps its jobs.
    const own = first.jobService.start('host-settings', 'Change settings of HV-2', 'HV-2', ['HV-2']);
    await open();
    expect(first.jobs.get(own.id)?.status).toBe('Running');
    // A job with no process recorded (from before processes were) is left as it is.
    expect(first.jobs.get(job.id)?.status).toBe('Running');
  });
});
