import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { ferryOn } from '../../test/fixtures/cli-run.js';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import { estateOf, type StubEstate } from '../../test/pwsh/stub-estate.js';
import { called, PWSH, SLOW, usePwshStubs, type StubPowerShell } from '../../test/pwsh/stub-powershell.js';

// `ferry refresh` as an admin runs it: the CLI in this process, PowerShell found through FERRY_POWERSHELL (here a
// real PowerShell 7, pwsh), Read-FerryHostGroup.ps1 run against the stub Hyper-V, FailoverClusters and CIM modules
// (test/pwsh), whose estate and call log reach pwsh through the environment the CLI passes on. What the CLI prints
// and its exit code are checked, and what the stubs were asked. `ferry connection` and the refresh checks that need
// no PowerShell are in cli-connection-commands.test.ts.
const GROUP = 'All Hosts/Milano';
const stubs = usePwshStubs();

let dir: string;
let db: string;
const saved: Record<string, string | undefined> = {};
const ferry = ferryOn(() => db);

/** Points this process's FERRY_POWERSHELL at pwsh, with the stubs' environment for `estate`; afterEach puts them back. */
function useStubs(estate: StubEstate): StubPowerShell {
  const ps = stubs.powershell(estate);
  for (const [key, value] of Object.entries({ ...ps.options.env, FERRY_POWERSHELL: ps.options.executable })) {
    if (!(key in saved)) saved[key] = process.env[key];
    process.env[key] = value;
  }
  return ps;
}

/** The minimal inventory as the hosts tell it since the import: SQL-PROD-02 created on HV-MI-12, which is paused. */
function since(): StubEstate {
  const doc: InventoryDocument = minimalInventory();
  doc.vms.push({
    ...doc.vms[0],
    name: 'SQL-PROD-02',
    id: '7c4e0a1f-9a8b-4a2c-a1ee-ac2a8a7c9b88',
    host: 'HV-MI-12',
    configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-PROD-02',
  });
  const estate = estateOf(doc);
  const nodes = (estate.clusters[0] as { nodes: { name: string; state: string }[] }).nodes;
  (nodes.find((n) => n.name === 'HV-MI-12') as { state: string }).state = 'Paused';
  return estate;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-refresh-pwsh-'));
  db = join(dir, 'ferry.db');
  const file = join(dir, 'inventory.json');
  writeFileSync(file, JSON.stringify(minimalInventory()));
  expect((await ferry('import', file)).code).toBe(0);
  expect((await ferry('connection', GROUP, '--set', 'connector=hyperv')).code).toBe(0);
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
    delete saved[key];
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(PWSH === null)('ferry refresh through PowerShell 7, against the stub modules', () => {
  it('reads every host of the group by its FQDN into the inventory, and prints the counts as JSON', { timeout: SLOW }, async () => {
    const ps = useStubs(since());
    const r = await ferry('refresh', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      ok: true,
      refreshed: [expect.objectContaining({ hostGroup: GROUP, hosts: 3, clusters: 1, vms: 4, unreachable: [] })],
    });
    const inventory = JSON.parse((await ferry('inventory', '--json')).out) as InventoryDocument;
    expect(inventory.vms.find((v) => v.name === 'SQL-PROD-02')).toMatchObject({ host: 'HV-MI-12', id: '7c4e0a1f-9a8b-4a2c-a1ee-ac2a8a7c9b88' });
    expect(inventory.hosts.find((h) => h.name === 'HV-MI-12')?.maintenanceMode).toBe(true);
    expect(inventory.hosts.find((h) => h.name === 'HV-MI-11')?.maintenanceMode).toBe(false);
    const calls = ps.calls();
    const read = called(calls, 'Get-VMHost').map((c) => (c.params.ComputerName as string[])[0]);
    expect([...new Set(read)].sort()).toEqual(['hv-mi-11.contoso.com', 'hv-mi-12.contoso.com', 'hv-mi-20.contoso.com']);
    expect(called(calls, 'Get-ClusterNode').every((c) => c.params.Cluster === 'CL-MI-22')).toBe(true);
  });

  it('prints a host WinRM cannot reach as kept NotResponding, with what to do, and still exits 0 with the others read', { timeout: SLOW }, async () => {
    const estate = since();
    (estate.hosts.find((h) => h.name === 'HV-MI-20') as Record<string, unknown>).unreachable = true;
    const ps = useStubs(estate);
    const r = await ferry('refresh', '--group', 'all hosts/milano');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    // The counts are what was read: HV-MI-11 and HV-MI-12, and their three VMs.
    expect(lines[0]).toBe(`Refreshed ${GROUP} from Hyper-V: 2 hosts, 1 cluster, 3 VMs.`);
    expect(lines[1]).toMatch(/^ {2}HV-MI-20 was not reachable \(kept as NotResponding\): .*could not be reached/);
    expect(lines[2]).toMatch(/^ {4}What to do: .*Test-WSMan/);
    expect(lines).toHaveLength(3);
    const inventory = JSON.parse((await ferry('inventory', '--json')).out) as InventoryDocument;
    expect(inventory.hosts.find((h) => h.name === 'HV-MI-20')?.state).toBe('NotResponding');
    expect(inventory.vms.map((v) => v.name)).toContain('SQL-PROD-02');
    // What HV-MI-20 held is kept as last known.
    expect(inventory.vms.find((v) => v.name === 'WEB-01')?.host).toBe('HV-MI-20');
    // HV-MI-20 was asked, and refused; the cluster nodes were read.
    expect(called(ps.calls(), 'Get-VMHost').map((c) => (c.params.ComputerName as string[])[0])).toContain('hv-mi-20.contoso.com');
  });
});
