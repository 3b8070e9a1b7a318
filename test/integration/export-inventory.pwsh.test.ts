import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { parseInventory } from '../../main/infra/importers/ferry-inventory.js';
import { minimalInventory } from '../fixtures/minimal-inventory.js';
import { estateOf, findPwsh, stubRun, type StubEstate } from '../pwsh/stub-estate.js';

// Export-FerryInventory.ps1 run in PowerShell 7 against stub Hyper-V and FailoverClusters modules: a cluster with
// its CSV, a standalone host, VMs in every state, a shared VHDX. Ferry's importer must take its file unchanged and
// hold exactly the estate the stubs described; a host that fails part-way leaves no file at all.
const PWSH = findPwsh();
const EXPORT = fileURLToPath(new URL('../../resources/scripts/Export-FerryInventory.ps1', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function estate(): { doc: InventoryDocument; estate: StubEstate } {
  const doc = minimalInventory();
  doc.vms[1].state = 'Off';
  doc.vms.push({
    ...doc.vms[2],
    name: 'SAVED-01',
    id: '8d5f1b2a-0b9c-4d3e-b2ff-1d3b9c8d0e11',
    state: 'Saved',
    configurationPath: 'D:\\VMs\\SAVED-01',
    disks: [{ path: 'D:\\VMs\\SAVED-01\\os.vhdx', sizeGB: 60, shared: false }],
  });
  doc.vms.push({
    ...doc.vms[2],
    name: 'PAUSED-01',
    id: '8d5f1b2a-0b9c-4d3e-b2ff-1d3b9c8d0e22',
    state: 'Paused',
    configurationPath: 'D:\\VMs\\PAUSED-01',
    disks: [{ path: 'D:\\VMs\\PAUSED-01\\os.vhdx', sizeGB: 60, shared: false }],
  });
  // A guest cluster's shared VHDX, on both clustered VMs.
  const shared = { path: 'C:\\ClusterStorage\\Volume1\\Shared\\quorum.vhdx', sizeGB: 5, shared: true };
  doc.vms[0].disks.push(shared);
  doc.vms[1].disks.push(shared);
  const e = estateOf(doc);
  e.localHost = 'HV-MI-11';
  return { doc, estate: e };
}

function exportWith(e: StubEstate): { code: number | null; path: string; stderr: string } {
  const run = stubRun(e);
  dirs.push(run.dir);
  const path = join(run.dir, 'ferry-inventory.json');
  // As an admin runs it from a PowerShell prompt (-File would pass the host list as one string). The paths are the
  // test's own temporary folder and the repository's, with no quote in them.
  const command = `& '${EXPORT}' -Path '${path}' -HostGroup 'All Hosts/Milano' -ComputerName 'hv-mi-11.contoso.com', 'hv-mi-12.contoso.com', 'hv-mi-20.contoso.com'`;
  const r = spawnSync(PWSH as string, ['-NoProfile', '-NonInteractive', '-Command', command], {
    cwd: run.dir,
    env: { ...process.env, ...run.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, path, stderr: r.stderr };
}

describe.skipIf(PWSH === null)('Export-FerryInventory.ps1 in PowerShell 7, against stub hosts and a cluster', () => {
  it('writes a file the importer takes unchanged, holding exactly the estate the stubs described', { timeout: 150_000 }, () => {
    const { doc, estate: e } = estate();
    const out = exportWith(e);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const parsed = parseInventory(readFileSync(out.path, 'utf8'));
    expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.error)).toBe(true);
    if (!parsed.ok) return;
    const got = parsed.value as unknown as InventoryDocument;
    const hostsOf = (d: InventoryDocument) =>
      d.hosts.map((h) => [h.name, h.cluster, h.liveMigration.performanceOption, h.liveMigration.authentication, h.liveMigration.maxLive]).sort();
    expect(hostsOf(got)).toEqual(hostsOf(doc));
    const vmsOf = (d: InventoryDocument) => d.vms.map((v) => [v.name, v.id, v.host, v.state, v.highlyAvailable, v.disks.map((k) => [k.path, k.shared])]).sort();
    expect(vmsOf(got)).toEqual(vmsOf(doc));
    expect(got.clusters.map((c) => [c.name, c.sharedVolumes.map((v) => v.path)])).toEqual([['CL-MI-22', ['C:\\ClusterStorage\\Volume1']]]);
  });

  it('writes nothing when a host fails part-way', { timeout: 150_000 }, () => {
    const { estate: e } = estate();
    e.fail = {
      'Get-VM': {
        message:
          "You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HV-MI-20'.",
        hresult: 0x80070005,
        category: 'PermissionDenied',
        errorId: 'AccessDenied',
        host: 'HV-MI-20',
      },
    };
    const out = exportWith(e);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/required permission/);
    expect(existsSync(out.path)).toBe(false);
  });
});
