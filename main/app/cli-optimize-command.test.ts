import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ferryOn } from '../../test/fixtures/cli-run.js';

// `ferry plan --optimize` on the built-in demo estate, in this process (real SQLite, the simulator).

let dir: string;
let db: string;
const ferry = ferryOn(() => db);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-optimize-'));
  db = join(dir, 'ferry.db');
  expect((await ferry('import', 'resources/demo-inventory.json')).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface OptimizeJson {
  moves: { vm: string; from: string; to: string; transferType: string; reason: string }[];
  balance: {
    before: { hosts: { host: string; memoryPercent: number; cpuPercent: number }[]; maxMemoryPercent: number; stdevMemoryPercent: number };
    after: { hosts: { host: string; memoryPercent: number; cpuPercent: number }[]; maxMemoryPercent: number; stdevMemoryPercent: number };
  };
  optimize: { summary: string; aggressiveness: string };
}

describe('ferry plan --optimize', () => {
  it('--cluster --json: live moves inside the cluster, each with its reason, and `balance` before and after as documented', async () => {
    const r = await ferry('plan', '--optimize', '--cluster', 'cl-mi-22', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as OptimizeJson;
    expect(Object.keys(plan.balance)).toEqual(['before', 'after']);
    for (const side of [plan.balance.before, plan.balance.after]) {
      expect(Object.keys(side)).toEqual(['hosts', 'maxMemoryPercent', 'stdevMemoryPercent']);
      expect(side.hosts.map((h) => Object.keys(h))).toEqual(side.hosts.map(() => ['host', 'memoryPercent', 'cpuPercent']));
      expect(side.hosts.map((h) => h.host).sort()).toEqual(['HV-MI-01', 'HV-MI-02', 'HV-MI-03', 'HV-MI-04']);
    }
    expect(plan.moves.length).toBeGreaterThan(0);
    for (const m of plan.moves) {
      expect(m.from).toMatch(/^HV-MI-0[1-4]$/);
      expect(m.to).toMatch(/^HV-MI-0[1-4]$/);
      expect(m.transferType).toBe('Live');
      expect(m.reason).toMatch(new RegExp(`^${m.from} (memory|CPU) \\d+% → \\d+%, ${m.to} (memory|CPU) \\d+% → \\d+%`));
    }
    expect(plan.balance.after.stdevMemoryPercent).toBeLessThan(plan.balance.before.stdevMemoryPercent);
    expect(plan.optimize.aggressiveness).toBe('medium');
  });

  it('says so and lists no moves when nothing is worth moving', async () => {
    const r = await ferry('plan', '--optimize', '--cluster', 'CL-TO-19', '--aggressiveness', 'low');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Nothing is worth moving: no live migration gains at least 3 points \(low aggressiveness\)/);
    const json = JSON.parse((await ferry('plan', '--optimize', '--cluster', 'CL-TO-19', '--json')).out) as OptimizeJson;
    expect(json.moves).toEqual([]);
    expect(json.balance.after).toEqual(json.balance.before);
  });

  it('--group "All Hosts" takes every cluster, each on its own; text shows the hosts before and after and each reason', async () => {
    const r = await ferry('plan', '--optimize', '--group', 'All Hosts', '--aggressiveness', 'high');
    expect(r.code).toBe(0);
    expect(r.out).toContain('HOST      MEMORY BEFORE  MEMORY AFTER  CPU BEFORE  CPU AFTER  THRESHOLDS (FREE)');
    expect(r.out).toMatch(/m1 [^:]+: HV-/);
    expect(r.out).toContain('is a standalone host: Optimize Hosts moves VMs only inside clusters');
  });

  it('refuses a cluster that is not there and usage mistakes (exit 2 both), saying what is wrong', async () => {
    const missing = await ferry('plan', '--optimize', '--cluster', 'CL-NOPE');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('No cluster named "CL-NOPE"');
    const both = await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--group', 'All Hosts');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--optimize takes --cluster C or --group G');
    const level = await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--aggressiveness', 'max');
    expect(level.code).toBe(2);
    expect(level.err).toContain('--aggressiveness must be low, medium, high, not "max"');
    const mixed = await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--vms', 'A');
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('--vms does not go with --optimize');
    const stray = await ferry('plan', '--vms', 'WEB-MI-01', '--cluster', 'CL-MI-22');
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('--cluster goes with --optimize');
  });

  it('--script prints the PowerShell of the proposed moves', async () => {
    const r = await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--script');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Ferry plan: \d+ moves/);
    expect(r.out).toContain('Move-SCVirtualMachine -VM $vm -VMHost $vmHost -UseCluster');
  });

  it('--run --wait runs the proposed moves as one group: the VMs end on their destinations', async () => {
    const proposed = JSON.parse((await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--json')).out) as OptimizeJson;
    const r = await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--run', '--wait', '--speed', '3600');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Run plan: migrate 3 VMs: Completed\./);
    const inventory = JSON.parse((await ferry('inventory', '--json')).out) as { vms: { name: string; host: string }[] };
    for (const m of proposed.moves) expect(inventory.vms.find((v) => v.name === m.vm)?.host).toBe(m.to);
    // Balanced now: the same request finds less to do.
    const again = JSON.parse((await ferry('plan', '--optimize', '--cluster', 'CL-MI-22', '--json')).out) as OptimizeJson;
    expect(again.balance.before.stdevMemoryPercent).toBe(proposed.balance.after.stdevMemoryPercent);
  });
});
