import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import type { Job, VmHold } from '../../shared/model/job.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { MIGRATIONS, migrate } from '../infra/db/migrations.js';
import { createAppServices, type AppServices } from './app-services.js';

// One move per VM (migration-rules.md section 4, `vm-busy`): whoever submits it, a VM has at most one
// move, start or save queued or running, and the database decides a race. The cross-process race is in
// test/integration/vm-busy.test.ts.

let dir: string;
let s: AppServices;
let connector: ManualConnector;

const estate = (): InventoryDocument => JSON.parse(readFileSync('test/fixtures/scheduler-estate.json', 'utf8')) as InventoryDocument;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-vm-busy-'));
  connector = new ManualConnector();
  s = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });
  expect((await s.inventory.importText('estate.json', JSON.stringify(estate()))).ok).toBe(true);
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (vm: string, to: string): Job => {
  const r = s.migration.submitVm({ vm, destinationHost: to });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const activeJobsOf = (vm: string): Job[] => s.jobs.list().filter((j) => j.target === vm && (j.status === 'Queued' || j.status === 'Running'));

describe('one move per VM (vm-busy)', () => {
  it('refuses a second migration of a VM whose first one runs, naming the job in the way and what to do', () => {
    const first = submit('VM-1', 'HV-B');
    expect(first.status).toBe('Running');
    const second = s.migration.submitVm({ vm: 'VM-1', destinationHost: 'HV-B' });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('vm-busy');
    expect(second.error.message).toBe(`VM-1 is already being migrated to HV-B by job ${first.id.slice(0, 8)}: wait for it to end or cancel it.`);
    expect((second.error.detail as { hold: VmHold }).hold).toMatchObject({
      vm: 'VM-1',
      jobId: first.id,
      kind: 'migrate-vm',
      status: 'Running',
      destinationHost: 'HV-B',
    });
    expect(activeJobsOf('VM-1').map((j) => j.id)).toEqual([first.id]);
  });

  it('refuses a move of a VM whose first move is still queued, whatever the kind or destination, ignoring case', () => {
    submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const queued = submit('VM-3', 'HV-D');
    expect(queued.status).toBe('Queued');
    const other = s.migration.submitVm({ vm: 'vm-3', destinationHost: 'HV-B' });
    expect(other.ok ? null : other.error.message).toBe(
      `VM-3 is already being migrated to HV-D by job ${queued.id.slice(0, 8)} (queued): wait for it to end or cancel it.`,
    );
    const storage = s.migration.submitStorage({ vm: 'VM-3', scope: 'whole-vm', path: 'E:\\VMs' });
    expect(storage.ok ? null : storage.error.code).toBe('vm-busy');
  });

  it('refuses to start a VM while its move holds it, writing no start job', () => {
    s.inventory.vmStateSet('VM-3', 'Off');
    const move = submit('VM-3', 'HV-D');
    expect(s.jobs.get(move.id)?.move?.kind).toBe('network');
    const jobs = s.jobs.list().length;
    expect(s.migration.startVm('VM-3')).toMatchObject({
      ok: false,
      error: { code: 'vm-busy', message: `VM-3 is already being migrated to HV-D by job ${move.id.slice(0, 8)}: wait for it to end or cancel it.` },
    });
    expect(s.jobs.list().length).toBe(jobs);
  });

  it('lets the VM move again once its move has ended, however it ended', async () => {
    const first = submit('VM-1', 'HV-B');
    connector.moves[0].fail('the destination refused it');
    await tick();
    expect(s.jobs.get(first.id)?.status).toBe('Failed');
    const again = submit('VM-1', 'HV-C');
    expect(again.status).toBe('Running');
    expect(s.scheduler.cancel(again.id).ok).toBe(true);
    await tick();
    expect(s.jobs.get(again.id)?.status).toBe('Canceled');
    const restarted = s.scheduler.restart(again.id);
    expect(restarted.ok).toBe(true);
    // A restart while the restarted move still runs is refused like any second move.
    expect(s.scheduler.restart(first.id)).toMatchObject({ ok: false, error: { code: 'vm-busy' } });
  });

  it('shows a busy VM in Select Host: every host unavailable, vm-busy first with the job named, the other reasons kept', () => {
    const first = submit('VM-1', 'HV-B');
    const rows = s.migration.selectHosts('VM-1');
    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value.length).toBe(3);
    for (const row of rows.value) {
      expect(row).toMatchObject({ available: false, rating: 0, transferType: null });
      expect(row.reasons[0]).toMatchObject({
        code: 'vm-busy',
        message: `VM-1 is already being migrated to HV-B by job ${first.id.slice(0, 8)}: wait for it to end or cancel it.`,
      });
      // The console words it in the admin's language from the catalogue.
      expect(row.reasons[0].text).toEqual({ key: 'reason.vm-busy.migrate', params: { vm: 'VM-1', job: first.id.slice(0, 8), queued: '', host: 'HV-B' } });
    }
    // The other VMs are not affected.
    const others = s.migration.selectHosts('VM-2');
    expect(others.ok && others.value.every((r) => r.reasons.every((x) => x.code !== 'vm-busy'))).toBe(true);
  });

  it('keeps a busy VM out of plans: listed unmovable with vm-busy, in a plan of chosen VMs and in an evacuation', () => {
    const first = submit('VM-1', 'HV-B');
    const chosen = s.plans.plan({ kind: 'vms', vms: ['VM-1', 'VM-2'], to: 'auto' });
    if (!chosen.ok) throw new Error(chosen.error.message);
    expect(chosen.value.moves.map((m) => m.vm)).toEqual(['VM-2']);
    expect(chosen.value.unmovable).toMatchObject([
      {
        vm: 'VM-1',
        host: 'HV-A',
        action: null,
        reasons: [{ code: 'vm-busy', message: `VM-1 is already being migrated to HV-B by job ${first.id.slice(0, 8)}: wait for it to end or cancel it.` }],
      },
    ]);
    const evacuation = s.plans.plan({ kind: 'evacuate', host: 'HV-A', cannotMove: 'save' });
    if (!evacuation.ok) throw new Error(evacuation.error.message);
    expect(evacuation.value.moves.map((m) => m.vm).sort()).toEqual(['VM-2', 'VM-3']);
    expect(evacuation.value.unmovable.map((u) => [u.vm, u.action, u.reasons[0].code])).toEqual([['VM-1', null, 'vm-busy']]);
    // Nothing will be saved: the busy VM is already moving.
    expect(evacuation.value.saves).toEqual([]);
    expect(evacuation.value.warnings.map((w) => w.code)).not.toContain('vms-saved');
  });

  it('runs a plan all or nothing: a VM taken by another submitter since the plan was made leaves no job and no group behind', async () => {
    // A second Ferry on the same database file takes VM-2 after this one planned.
    const other = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'cli', connector: () => new ManualConnector() });
    try {
      const request = { kind: 'vms' as const, vms: ['VM-1', 'VM-2'], to: 'auto' };
      const planned = s.plans.plan(request);
      expect(planned.ok && planned.value.moves.length).toBe(2);
      const taken = other.migration.submitVm({ vm: 'VM-2', destinationHost: 'HV-C' });
      expect(taken.ok).toBe(true);
      const groupsBefore = s.plans.groupList().length;
      const jobsBefore = s.jobs.list().length;
      // The run plans again and leaves VM-2 out...
      const run = s.plans.run(request);
      expect(run.ok && run.value.jobs.map((j) => j.target)).toEqual(['VM-1']);
      expect(s.plans.groupList().length).toBe(groupsBefore + 1);
      // ...and a batch that still names a held VM writes nothing at all.
      const batch = s.scheduler.enqueueAll(
        [
          {
            request: {
              kind: 'live',
              vm: 'VM-3',
              sourceHost: 'HV-A',
              destinationHost: 'HV-D',
              performanceOption: 'Compression',
              destinationPath: null,
              diskDestinations: null,
              configurationPath: null,
              addToDefaults: false,
            },
            name: 'Migrate virtual machine VM-3 to HV-D',
          },
          {
            request: {
              kind: 'live',
              vm: 'VM-2',
              sourceHost: 'HV-A',
              destinationHost: 'HV-D',
              performanceOption: 'Compression',
              destinationPath: null,
              diskDestinations: null,
              configurationPath: null,
              addToDefaults: false,
            },
            name: 'Migrate virtual machine VM-2 to HV-D',
          },
        ],
        { group: () => 'never-created' },
      );
      expect(batch.ok ? null : batch.error.code).toBe('vm-busy');
      expect(s.jobs.list().length).toBe(jobsBefore + 1);
      expect(activeJobsOf('VM-3')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('lets the database decide between two connections that both checked the VM was free', async () => {
    const other = await createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'cli', connector: () => new ManualConnector() });
    try {
      // Both processes see VM-1 free in Select Host...
      expect(s.migration.selectHosts('VM-1').ok && other.migration.selectHosts('VM-1').ok).toBe(true);
      const mine = s.migration.submitVm({ vm: 'VM-1', destinationHost: 'HV-B' });
      const theirs = other.migration.submitVm({ vm: 'VM-1', destinationHost: 'HV-C' });
      expect(mine.ok).toBe(true);
      expect(theirs).toMatchObject({ ok: false, error: { code: 'vm-busy' } });
      // Past every check, the second connection's insert itself is refused by the database's index.
      const raced = other.scheduler.enqueue(
        {
          kind: 'live',
          vm: 'VM-1',
          sourceHost: 'HV-A',
          destinationHost: 'HV-D',
          performanceOption: 'Compression',
          destinationPath: null,
          diskDestinations: null,
          configurationPath: null,
          addToDefaults: false,
        },
        'Migrate virtual machine VM-1 to HV-D',
      );
      expect(raced).toMatchObject({ ok: false, error: { code: 'vm-busy', detail: { hold: { jobId: mine.ok ? mine.value.id : '' } } } });
      expect(activeJobsOf('VM-1').length).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('migration 5 (vm_hold)', () => {
  it('backfills the holds of an older database, keeping the earliest where an older Ferry let two active jobs take one VM', () => {
    const db = new Database(':memory:');
    for (let v = 1; v <= 4; v++) {
      db.exec(MIGRATIONS[v - 1]);
      db.pragma(`user_version = ${v}`);
    }
    const insert = db.prepare(
      `INSERT INTO jobs (id, seq, kind, name, status, progress, owner, target, created_at, steps) VALUES (?, ?, ?, ?, ?, 0, 'me', ?, '2026-01-01T00:00:00Z', '[]')`,
    );
    insert.run('a', 1, 'migrate-vm', 'Migrate virtual machine ÀRCHIVIO to HV-B', 'Running', 'ÀRCHIVIO');
    insert.run('b', 2, 'migrate-vm', 'Migrate virtual machine àrchivio to HV-C', 'Queued', 'àrchivio');
    insert.run('c', 3, 'migrate-vm', 'Migrate virtual machine WEB to HV-C', 'Completed', 'WEB');
    insert.run('d', 4, 'import-inventory', 'Import inventory x.json', 'Running', 'All Hosts');
    migrate(db);
    expect(db.prepare('SELECT id, vm_hold FROM jobs ORDER BY seq').all()).toEqual([
      { id: 'a', vm_hold: 'àrchivio' },
      { id: 'b', vm_hold: null },
      { id: 'c', vm_hold: 'web' },
      { id: 'd', vm_hold: null },
    ]);
    // From now on the index refuses a second active job for the VM, in any case.
    db.prepare("UPDATE jobs SET vm_hold = 'web', status = 'Queued' WHERE id = 'c'").run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO jobs (id, seq, kind, name, status, progress, owner, target, created_at, steps, vm_hold) VALUES ('e', 5, 'start-vm', 'Start', 'Running', 0, 'me', 'Àrchivio', 'x', '[]', 'àrchivio')`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: jobs\.vm_hold/);
    db.close();
  });
});
