import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ferryOn } from '../../test/fixtures/cli-run.js';

// `ferry plan` on the built-in demo estate, in this process (real SQLite, the simulator).

let dir: string;
let db: string;
const ferry = ferryOn(() => db);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-plan-'));
  db = join(dir, 'ferry.db');
  expect((await ferry('import', 'resources/demo-inventory.json')).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ferry plan', () => {
  it('--evacuate --json prints exactly the documented shape, times in seconds from the start', async () => {
    const r = await ferry('plan', '--evacuate', 'hv-to-03', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as { moves: Record<string, unknown>[]; unmovable: unknown[]; makespan: number; lowerBound: number };
    expect(Object.keys(plan)).toEqual(['moves', 'unmovable', 'staying', 'makespan', 'lowerBound']);
    expect(plan.moves.length).toBeGreaterThan(0);
    for (const m of plan.moves) {
      // `rule` only on a move a placement rule shaped (SQL-TO-03 is kept apart from SQL-TO-01).
      expect(Object.keys(m)).toEqual(['vm', 'from', 'to', 'transferType', 'start', 'end', 'downtime', ...(m.rule ? ['rule'] : [])]);
      expect(m.from).toBe('HV-TO-03');
      expect(m.to).not.toBe('HV-TO-03');
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end as number).toBeGreaterThan(m.start as number);
    }
    expect(plan.makespan).toBe(Math.max(...plan.moves.map((m) => m.end as number)));
    expect(plan.lowerBound).toBeLessThanOrEqual(plan.makespan);
  });

  it('--evacuate accounts for every VM of the host once: running ones move, an off HA VM of a cluster node moves Quick', async () => {
    const inventory = JSON.parse((await ferry('inventory', '--json')).out) as { vms: { name: string; host: string }[] };
    const r = await ferry('plan', '--evacuate', 'HV-TO-03', '--json');
    const plan = JSON.parse(r.out) as { moves: { vm: string; transferType: string; to: string }[]; unmovable: { vm: string }[]; staying: { vm: string }[] };
    const listed = [...plan.moves.map((m) => m.vm), ...plan.unmovable.map((u) => u.vm), ...plan.staying.map((s) => s.vm)];
    expect(listed.sort()).toEqual(
      inventory.vms
        .filter((v) => v.host === 'HV-TO-03')
        .map((v) => v.name)
        .sort(),
    );
    expect(plan.moves.find((m) => m.vm === 'SQL-TO-02')).toMatchObject({ transferType: 'Quick', to: expect.stringMatching(/^HV-TO-0[12]$/) as string });
  });

  it('--evacuate keeps the availability group replicas apart and names the rule on the move row', async () => {
    const plan = JSON.parse((await ferry('plan', '--evacuate', 'HV-TO-03', '--json')).out) as {
      moves: { vm: string; to: string; rule?: { code: string; message: string } }[];
    };
    const sql = plan.moves.find((m) => m.vm === 'SQL-TO-03');
    expect(sql?.to).not.toBe('HV-TO-01');
    expect(sql?.rule).toEqual({ code: 'availability-set', message: 'kept apart from SQL-TO-01: availability set SQL-AG-TO' });
    const text = await ferry('plan', '--evacuate', 'HV-TO-03');
    expect(text.out).toMatch(/m\d+ SQL-TO-03: kept apart from SQL-TO-01: availability set SQL-AG-TO/);
  });

  it('--evacuate lists an off or saved VM that is not highly available in staying with not-running', async () => {
    const r = await ferry('plan', '--evacuate', 'HV-TO-04', '--json');
    const plan = JSON.parse(r.out) as { staying: { vm: string; reason: { code: string; message: string } }[]; unmovable: { vm: string }[] };
    expect(plan.staying.map((s) => [s.vm, s.reason.code]).sort()).toEqual([
      ["Archivio dell'Ufficio", 'not-running'],
      ['PORTALE-FORNITORI-TO', 'not-running'],
      ['TEST-TO-01', 'not-running'],
    ]);
    expect(plan.staying.find((s) => s.vm === 'PORTALE-FORNITORI-TO')?.reason).toEqual({
      code: 'not-running',
      message: 'PORTALE-FORNITORI-TO is saved and not highly available: it stays on HV-TO-04 with its files, and can’t start until HV-TO-04 is back.',
    });
    expect(plan.unmovable.map((u) => u.vm)).not.toContain('TEST-TO-01');
  });

  it('--evacuate --save lists a VM that can go nowhere in staying with saved-by-plan, not in unmovable', async () => {
    const plan = JSON.parse((await ferry('plan', '--evacuate', 'HV-RM-01', '--save', '--json')).out) as {
      staying: { vm: string; reason: { code: string; message: string } }[];
      unmovable: { vm: string }[];
    };
    expect(plan.staying.find((s) => s.vm === 'FILESRV-RM-01')?.reason).toMatchObject({
      code: 'saved-by-plan',
      message: expect.stringMatching(/^FILESRV-RM-01 is saved on HV-RM-01 instead of moving \(Save state\), because it can’t move: /) as string,
    });
    expect(plan.staying.find((s) => s.vm === 'SFTP-RM-01')?.reason.code).toBe('not-running');
    expect(plan.unmovable.map((u) => u.vm)).not.toContain('FILESRV-RM-01');
  });

  it('--evacuate --run moves the off HA VM Quick to another node of its cluster, and the inventory shows it there', async () => {
    const r = await ferry('plan', '--evacuate', 'HV-TO-03', '--run', '--wait', '--speed', '3600');
    expect(r.out).toMatch(/Migrate virtual machine SQL-TO-02 to HV-TO-0[12]: Completed/);
    const inventory = JSON.parse((await ferry('inventory', '--json')).out) as { vms: { name: string; host: string; state: string }[] };
    expect(inventory.vms.find((v) => v.name === 'SQL-TO-02')).toMatchObject({ host: expect.stringMatching(/^HV-TO-0[12]$/) as string, state: 'Off' });
  });

  it('--vms with --to auto plans each VM, and lists one it does not know with its reason code', async () => {
    const r = await ferry('plan', '--vms', 'SQL-TO-03,WEB-TO-01,NO-SUCH-VM', '--to', 'auto', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as { moves: { vm: string }[]; unmovable: { vm: string; reasons: { code: string; message: string }[] }[] };
    expect(plan.moves.map((m) => m.vm).sort()).toEqual(['SQL-TO-03', 'WEB-TO-01']);
    expect(plan.unmovable).toEqual([
      { vm: 'NO-SUCH-VM', reasons: [{ code: 'vm-not-found', message: 'No VM named "NO-SUCH-VM" is in the inventory: check the name.' }] },
    ]);
  });

  it('prints the plan as a table with the window and its lower bound', async () => {
    const r = await ferry('plan', '--vms', 'SQL-TO-03,WEB-TO-01', '--to', 'HV-TO-02');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^#\s+VM\s+FROM\s+TO\s+TRANSFER\s+START\s+END\s+DOWNTIME/);
    expect(r.out).toMatch(/m1\s+\S+\s+HV-TO-03\s+HV-TO-02\s+Live/);
    expect(r.out).toMatch(/Predicted window: [\d.]+ (s|min|h)\. Lower bound: [\d.]+ (s|min|h) \(/);
  });

  it('what-ifs change the answer: a limit of 1 on the source serialises the moves', async () => {
    const two = JSON.parse((await ferry('plan', '--vms', 'WEB-TO-01,WEB-TO-02', '--to', 'HV-TO-02', '--json')).out) as {
      moves: { start: number; end: number }[];
    };
    expect(two.moves.map((m) => m.start)).toEqual([0, 0]);
    const one = JSON.parse((await ferry('plan', '--vms', 'WEB-TO-01,WEB-TO-02', '--to', 'HV-TO-02', '--limit', 'HV-TO-03=1', '--json')).out) as {
      moves: { start: number; end: number }[];
    };
    expect(one.moves[1].start).toBeCloseTo(one.moves[0].end, 3);
  });

  it("--script prints the PowerShell of every move in the plan's order", async () => {
    const r = await ferry('plan', '--vms', 'SQL-TO-03,WEB-TO-01', '--to', 'HV-TO-02', '--script');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Ferry plan: 2 moves, predicted window \d+ s \(lower bound \d+ s\)\./);
    expect(r.out.match(/Move-SCVirtualMachine -VM \$vm -VMHost \$vmHost/g)).toHaveLength(2);
    expect(r.out).toMatch(/# Move 1 of 2: predicted to start at 0 s/);
  });

  it('--run --wait runs the plan as one job group and waits for it', async () => {
    const r = await ferry('plan', '--vms', 'WEB-TO-01,WEB-TO-02', '--to', 'HV-TO-02', '--run', '--wait', '--speed', '3600');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Run plan: migrate 2 VMs: Completed\./);
    expect(r.out).toMatch(/Migrate virtual machine WEB-TO-01 to HV-TO-02: Completed/);
    const inventory = JSON.parse((await ferry('inventory', '--json')).out) as { vms: { name: string; host: string }[] };
    expect(inventory.vms.filter((v) => v.name.startsWith('WEB-TO-0') && ['WEB-TO-01', 'WEB-TO-02'].includes(v.name)).map((v) => v.host)).toEqual([
      'HV-TO-02',
      'HV-TO-02',
    ]);
    const jobs = JSON.parse((await ferry('jobs', '--json')).out) as { target: string; groupId: string | null }[];
    const groups = new Set(jobs.filter((j) => ['WEB-TO-01', 'WEB-TO-02'].includes(j.target)).map((j) => j.groupId));
    expect(groups.size).toBe(1);
    expect([...groups][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says what is wrong with the command line, and names an unknown host', async () => {
    expect(await ferry('plan', '--vms', 'A')).toMatchObject({ code: 0 });
    expect(await ferry('plan')).toMatchObject({ code: 2, err: expect.stringMatching(/plan takes --evacuate HOST or --vms A,B,C/) as string });
    expect(await ferry('plan', '--evacuate', 'HV-TO-03', '--to', 'HV-TO-01')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--to goes with --vms/) as string,
    });
    expect(await ferry('plan', '--vms', 'A', '--limit', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/--limit takes HOST=N, got "x"/) as string });
    expect(await ferry('plan', '--vms', 'A', '--wait')).toMatchObject({ code: 2, err: expect.stringMatching(/--wait goes with --run/) as string });
    expect(await ferry('plan', '--evacuate', 'HV-NOPE')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/No host named "HV-NOPE" is in the inventory/) as string,
    });
    expect(await ferry('plan', '--vms', 'WEB-TO-01', '--limit', 'HV-TO-03=0')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/limits\.HV-TO-03\.live: must be a whole number from 1 to 64, got 0/) as string,
    });
  });
});

describe('ferry maintenance stop', () => {
  /** HV-RM-01 evacuated with --save: FILESRV-RM-01 can go nowhere, so the evacuation saves it. */
  async function evacuate(): Promise<void> {
    const r = await ferry('plan', '--evacuate', 'HV-RM-01', '--save', '--run', '--wait', '--speed', '3600');
    expect(r.out).toContain('Save virtual machine FILESRV-RM-01: Completed');
  }
  const vm = async (name: string) =>
    (JSON.parse((await ferry('inventory', '--json')).out) as { vms: { name: string; state: string; host: string }[] }).vms.find((v) => v.name === name);
  const host = async (name: string) =>
    (JSON.parse((await ferry('inventory', '--json')).out) as { hosts: { name: string; maintenanceMode: boolean }[] }).hosts.find((h) => h.name === name);

  it('stops maintenance mode as a job and lists the VMs the evacuation saved, leaving them saved', async () => {
    await evacuate();
    const r = await ferry('maintenance', 'stop', 'hv-rm-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Stop maintenance mode on HV-RM-01: Completed. HV-RM-01 is out of maintenance mode and takes virtual machines again.');
    expect(r.out).toContain('Saved by the evacuation, still saved: FILESRV-RM-01 (start them with --start-saved');
    expect((await host('HV-RM-01'))?.maintenanceMode).toBe(false);
    expect((await vm('FILESRV-RM-01'))?.state).toBe('Saved');
  });

  it('--start-saved starts each saved VM with a Start job; --json prints the jobs', async () => {
    await evacuate();
    const r = await ferry('maintenance', 'stop', 'HV-RM-01', '--start-saved', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      job: { kind: 'stop-maintenance', status: 'Completed', target: 'HV-RM-01' },
      starts: [{ kind: 'start-vm', target: 'FILESRV-RM-01', status: 'Completed' }],
      stillSaved: [],
    });
    expect(await vm('FILESRV-RM-01')).toMatchObject({ state: 'Running', host: 'HV-RM-01' });
  });

  it('refuses a host not in maintenance mode (exit 1), an unknown host (exit 2) and anything but "stop" (exit 2)', async () => {
    const notIn = await ferry('maintenance', 'stop', 'HV-RM-02');
    expect([notIn.code, notIn.err]).toEqual([1, expect.stringContaining('ferry maintenance: HV-RM-02 is not in maintenance mode.')]);
    const unknown = await ferry('maintenance', 'stop', 'HV-NOPE');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('No host named "HV-NOPE" is in the inventory.')]);
    const start = await ferry('maintenance', 'start', 'HV-RM-01');
    expect([start.code, start.err]).toEqual([
      2,
      expect.stringContaining('maintenance takes "stop HOST", not "start" (start it with plan --evacuate HOST --run)'),
    ]);
  });
});
