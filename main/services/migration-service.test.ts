import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalInventory } from '../../test/fixtures/minimal-inventory.js';
import type { HubEvent } from './event-hub.js';
import { createAppServices, type AppServices } from './app-services.js';

let dir: string;
let s: AppServices;
let events: HubEvent[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-migration-'));
  s = await createAppServices({ databasePath: join(dir, 'ferry.db') });
  expect((await s.inventory.importText('demo.json', readFileSync('resources/demo-inventory.json', 'utf8'))).ok).toBe(true);
  events = [];
  s.hub.subscribe((batch) => events.push(...batch));
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const vmState = (name: string): string | undefined => s.inventory.snapshot().inventory.vms.find((v) => v.name === name)?.state;

describe('starting a VM from the wizard', () => {
  it('runs a Start job and shows the VM running', () => {
    const job = s.migration.startVm('dev-rm-01');
    expect(job).toMatchObject({ ok: true, value: { kind: 'start-vm', status: 'Completed', name: 'Start virtual machine DEV-RM-01' } });
    expect(vmState('DEV-RM-01')).toBe('Running');
    s.hub.flush();
    expect(events.some((e) => e.name === 'inventory.changed')).toBe(true);
  });

  it('refuses a VM that is already running', () => {
    expect(s.migration.startVm('WEB-RM-01')).toMatchObject({ ok: false, error: { code: 'vm-running' } });
  });

  it('fails the job, with what to do, when the host is not responding', async () => {
    const doc = JSON.parse(readFileSync('resources/demo-inventory.json', 'utf8'));
    const down = doc.hosts.find((h: { state: string }) => h.state === 'NotResponding').name;
    doc.vms.find((v: { name: string }) => v.name === 'DEV-RM-01').host = down;
    expect((await s.inventory.importText('down.json', JSON.stringify(doc))).ok).toBe(true);
    const job = s.migration.startVm('DEV-RM-01');
    expect(job).toMatchObject({ ok: true, value: { status: 'Failed', error: { recommendedAction: expect.stringMatching(/WinRM/) } } });
    expect(vmState('DEV-RM-01')).toBe('Off');
  });
});

describe('Move on the Migrate VM wizard', () => {
  it('queues an available move as a job, with the steps of its transfer type', () => {
    const job = s.migration.submitVm({ vm: 'WEB-RM-01', destinationHost: 'hv-rm-02', performanceOption: 'SMB' });
    expect(job).toMatchObject({
      ok: true,
      value: { kind: 'migrate-vm', status: 'Queued', name: 'Migrate virtual machine WEB-RM-01 to HV-RM-02', target: 'WEB-RM-01' },
    });
    if (job.ok) expect(job.value.steps.map((st) => st.name)).toEqual(['Validate', 'Live-migrate memory', 'Switch over', 'Clean up']);
    expect(s.jobs.list(1)[0].id).toBe(job.ok && job.value.id);
  });

  it("hands the connector the wizard's performance option, or the source host's when there is no override", () => {
    const overridden = s.migration.submitVm({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-02', performanceOption: 'SMB' });
    expect(overridden).toMatchObject({ ok: true, value: { move: { performanceOption: 'SMB' } } });
    if (overridden.ok) expect(s.jobs.request<{ performanceOption: string }>(overridden.value.id)?.performanceOption).toBe('SMB');
    s.scheduler.cancel(overridden.ok ? overridden.value.id : '');
    // HV-RM-01's own setting is Compression.
    const plain = s.migration.submitVm({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-02' });
    expect(plain).toMatchObject({ ok: true, value: { move: { performanceOption: 'Compression' } } });
  });

  it('refuses a destination Select Host marks unavailable, with its reasons', () => {
    const r = s.migration.submitVm({ vm: 'DEV-RM-01', destinationHost: 'HV-RM-05' });
    expect(r).toMatchObject({ ok: false, error: { code: 'destination-unavailable', detail: { reasons: [{ code: 'host-not-responding' }] } } });
  });

  it("refuses the VM's own host", () => {
    expect(s.migration.submitVm({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-01' })).toMatchObject({ ok: false, error: { code: 'same-host' } });
  });

  it('refuses a storage path with a short SMB server name', () => {
    const r = s.migration.submitVm({ vm: 'DEV-RM-01', destinationHost: 'HV-RM-01', destinationPath: '\\\\fileserver1\\share' });
    expect(r).toMatchObject({ ok: false, error: { code: 'smb-path-not-fqdn' } });
  });
});

describe('Move on the Migrate VM wizard with VHDs placed individually', () => {
  const disksOf = (name: string): string[] =>
    s.inventory
      .snapshot()
      .inventory.vms.find((v) => v.name === name)!
      .disks.map((d) => d.path);

  it('refuses a placed VHD whose folder fails the path checks, naming the disk', () => {
    const [disk] = disksOf('DEV-RM-01');
    const r = s.migration.submitVm({ vm: 'DEV-RM-01', destinationHost: 'HV-RM-01', diskDestinations: [{ path: disk, destination: '\\\\fileserver1\\share' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'smb-path-not-fqdn', detail: { field: 'diskDestinations', disk } } });
    if (!r.ok) expect(r.error.message).toContain(disk.slice(disk.lastIndexOf('\\') + 1));
    expect(
      s.migration.vmScript({ vm: 'DEV-RM-01', destinationHost: 'HV-RM-01', diskDestinations: [{ path: disk, destination: '\\\\fileserver1\\share' }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'smb-path-not-fqdn' },
    });
  });

  it('refuses a disk the VM does not have, and placement when storage stays', () => {
    expect(
      s.migration.submitVm({ vm: 'DEV-RM-01', destinationHost: 'HV-RM-01', diskDestinations: [{ path: 'Z:\\nope.vhdx', destination: 'D:\\Hyper-V' }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'disk-not-found' },
    });
    const [disk] = disksOf('WEB-RM-01');
    expect(
      s.migration.submitVm({ vm: 'WEB-RM-01', destinationHost: 'HV-RM-02', diskDestinations: [{ path: disk, destination: 'D:\\Hyper-V' }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'disk-destinations-unused' },
    });
  });

  it('queues the move with every VHD placed: the chosen one where chosen, the others with the VM in its Virtual Hard Disks, the configuration in its folder', () => {
    const disks = disksOf('DEV-RM-01');
    const share = '\\\\sofs-rm.contoso.com\\vmstore';
    const r = s.migration.submitVm({
      vm: 'DEV-RM-01',
      destinationHost: 'HV-RM-01',
      destinationPath: share,
      diskDestinations: [{ path: disks[0], destination: `${share}\\Disks` }],
    });
    expect(r.ok).toBe(true);
    const request = s.jobs.request<{ diskDestinations: Record<string, string>; configurationPath: string; destinationPath: string }>(r.ok ? r.value.id : '');
    expect(request?.configurationPath).toBe(`${share}\\DEV-RM-01`);
    expect(request?.destinationPath).toBe(share);
    expect(request?.diskDestinations).toEqual(
      Object.fromEntries(disks.map((d, i) => [d, i === 0 ? `${share}\\Disks` : `${share}\\DEV-RM-01\\Virtual Hard Disks`])),
    );
  });
});

describe('Move on the Migrate Storage wizard', () => {
  it('refuses to move a shared VHDX of a running VM', () => {
    const r = s.migration.submitStorage({
      vm: 'SQL-FCI-MI-01',
      scope: 'per-disk',
      configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01',
      disks: [{ path: 'C:\\ClusterStorage\\Volume2\\SQL-FCI-Shared\\quorum.vhdx', destination: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01' }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'storage-plan-invalid' } });
    if (!r.ok) expect((r.error.detail as { problems: { code: string }[] }).problems.map((p) => p.code)).toContain('shared-vhdx');
  });

  it("moves the same VM's other files", () => {
    const r = s.migration.submitStorage({
      vm: 'SQL-FCI-MI-01',
      scope: 'per-disk',
      configurationPath: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01',
      disks: [{ path: 'C:\\ClusterStorage\\Volume2\\SQL-FCI-MI-01\\Virtual Hard Disks\\os.vhdx', destination: 'C:\\ClusterStorage\\Volume1\\SQL-FCI-MI-01' }],
    });
    expect(r).toMatchObject({ ok: true, value: { kind: 'migrate-storage', status: 'Queued' } });
  });
  it('queues only fatture.vhdx of running Fatturazione-Roma, with no configuration folder and no whole-VM path', () => {
    const fatture = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx';
    const r = s.migration.submitStorage({
      vm: 'Fatturazione-Roma',
      scope: 'per-disk',
      configurationPath: null,
      disks: [{ path: fatture, destination: 'D:\\Dati' }],
    });
    expect(r).toMatchObject({ ok: true, value: { kind: 'migrate-storage', status: 'Queued' } });
    const request = s.jobs.request<{ diskDestinations: Record<string, string>; configurationPath: string | null; destinationPath: string | null }>(
      r.ok ? r.value.id : '',
    );
    expect(request).toMatchObject({ destinationPath: null, configurationPath: null, diskDestinations: { [fatture]: 'D:\\Dati' } });
  });
});

describe('an HA VM whose files move to another node of its cluster', () => {
  /** SQL-PROD-01 is highly available in CL-MI-22 with its files on HV-MI-11's own D:, so a move to HV-MI-12 copies them (Live (VSM)). */
  async function localFilesEstate(): Promise<void> {
    const doc = minimalInventory();
    const vm = doc.vms.find((v) => v.name === 'SQL-PROD-01');
    if (!vm) throw new Error('fixture changed');
    vm.configurationPath = 'D:\\VMs\\SQL-PROD-01';
    vm.disks = [{ path: 'D:\\VMs\\SQL-PROD-01\\os.vhdx', sizeGB: 127, shared: false }];
    expect((await s.inventory.importText('local.json', JSON.stringify(doc))).ok).toBe(true);
  }

  it("refuses a destination on the node's own volume: the cluster moves the files from the source node and could not fail the role over from there", async () => {
    await localFilesEstate();
    const r = s.migration.submitVm({ vm: 'SQL-PROD-01', destinationHost: 'HV-MI-12', destinationPath: 'D:\\VMs' });
    expect(r).toMatchObject({ ok: false, error: { code: 'path-not-cluster-storage', detail: { field: 'destinationPath' } } });
    if (!r.ok) {
      expect(r.error.message).toContain('D:\\VMs is a local volume of HV-MI-12');
      expect(r.error.text?.key).toBe('err.pathNotClusterStorage');
    }
    expect(s.migration.vmScript({ vm: 'SQL-PROD-01', destinationHost: 'HV-MI-12', destinationPath: 'D:\\VMs' })).toMatchObject({
      ok: false,
      error: { code: 'path-not-cluster-storage' },
    });
  });

  it('takes a cluster shared volume', async () => {
    await localFilesEstate();
    expect(s.migration.submitVm({ vm: 'SQL-PROD-01', destinationHost: 'HV-MI-12', destinationPath: 'C:\\ClusterStorage\\Volume1' })).toMatchObject({
      ok: true,
      value: { move: { kind: 'live-vsm' } },
    });
  });
});
