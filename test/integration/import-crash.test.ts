import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job } from '../../shared/model/job.js';
import { demoDatabasePerTest, ferryRun, ferryStart } from '../fixtures/ferry-process.js';

// An import killed with SIGKILL at the worst moments (issue 12): just before and just after the
// transaction that writes the new estate commits. After a restart the import's job and the estate
// must agree: Completed with the new estate, or Failed with the old one, never Failed over the new.
// The process stops itself at the named point (FERRY_CRASH_POINT), so the kill lands there every time.

const LONG = 120_000;
const estate = demoDatabasePerTest('ferry-import-crash-');
const demo = JSON.parse(readFileSync(fileURLToPath(new URL('../../resources/demo-inventory.json', import.meta.url)), 'utf8')) as InventoryDocument;

/** A file holding the demo estate less its last VM, so the new estate is told from the old by its VM count. */
function smallerEstate(): string {
  const file = join(dirname(estate.path), 'smaller.json');
  writeFileSync(file, JSON.stringify({ ...demo, vms: demo.vms.slice(0, -1) }));
  return file;
}

/** Imports `file` in a process that stops at `point`, kills it there, and answers the import's job and the VM count after a restart. */
async function importKilledAt(point: string, file: string): Promise<{ job: Job; vms: number }> {
  const child = ferryStart(['import', file, '--db', estate.path], { FERRY_CRASH_POINT: point });
  await child.waitForStderr(new RegExp(`stopped at crash point ${point}`), LONG);
  expect(await child.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
  const jobs = await ferryRun(['jobs', '--json', '--db', estate.path]);
  expect(jobs.code).toBe(0);
  const job = (JSON.parse(jobs.stdout) as Job[]).find((j) => j.kind === 'import-inventory' && j.target === 'smaller.json') as Job;
  const inventory = await ferryRun(['inventory', '--json', '--db', estate.path]);
  return { job, vms: (JSON.parse(inventory.stdout) as InventoryDocument).vms.length };
}

describe('an import killed at the worst moment', () => {
  it(
    'killed just after the commit: the job says Completed and the new estate is in place',
    async () => {
      const { job, vms } = await importKilledAt('import-after-commit', smallerEstate());
      expect(vms).toBe(demo.vms.length - 1);
      expect(job).toMatchObject({
        status: 'Completed',
        error: null,
        summary: `Imported ${demo.vms.length - 1} VMs on ${demo.hosts.length} hosts (${demo.clusters.length} clusters)`,
      });
      expect(job.steps.map((s) => s.status)).toEqual(['Completed', 'Completed']);
    },
    LONG * 2,
  );

  it(
    'killed just before the commit: the job says Failed, the inventory as before, and it is',
    async () => {
      const { job, vms } = await importKilledAt('import-before-commit', smallerEstate());
      expect(vms).toBe(demo.vms.length);
      expect(job.status).toBe('Failed');
      expect(job.error?.problem).toMatch(/the inventory is as it was before/);
      expect(job.steps.map((s) => s.status)).toEqual(['Completed', 'Failed']);
    },
    LONG * 2,
  );
});
