import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InventoryDocument, LiveMigrationSettings } from '../../shared/model/inventory.js';
import type { SettingsProblem } from '../../shared/model/live-migration-settings.js';
import type { Job } from '../../shared/model/job.js';
import type { ConnectorResult } from '../domain/connector/host-connector.js';
import { ManualConnector } from '../../test/fixtures/manual-connector.js';
import { createAppServices, type AppServices } from './app-services.js';
import type { HubEvent } from './event-hub.js';

/** A connector that records settings it is asked to apply, and fails for the hosts a test names. */
class SettingsConnector extends ManualConnector {
  readonly applied: { host: string; settings: LiveMigrationSettings }[] = [];
  readonly failing = new Set<string>();

  override async hostSettingsApply(host: string, settings: LiveMigrationSettings): Promise<ConnectorResult> {
    if (this.failing.has(host)) {
      return { ok: false, problem: `Host ${host} is not responding.`, recommendedAction: `Check that ${host} is running and reachable.` };
    }
    this.applied.push({ host, settings });
    return { ok: true };
  }
}

let dir: string;
let s: AppServices;
let connector: SettingsConnector;
let events: HubEvent[];

/** Host HV-A with three running VMs; HV-B, HV-C and HV-D in the same group (All Hosts/Lab); no cluster. */
function estate(): InventoryDocument {
  const doc = JSON.parse(readFileSync('test/fixtures/scheduler-estate.json', 'utf8')) as InventoryDocument;
  return doc;
}

const open = () => createAppServices({ databasePath: join(dir, 'ferry.db'), runner: 'app', connector: () => connector });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-host-settings-'));
  connector = new SettingsConnector();
  s = await open();
  expect((await s.inventory.importText('estate.json', JSON.stringify(estate()))).ok).toBe(true);
  events = [];
  s.hub.subscribe((batch) => events.push(...batch));
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const settingsOf = (host: string): LiveMigrationSettings => s.inventory.snapshot().inventory.hosts.find((h) => h.name === host)!.liveMigration;
const job = (id: string): Job => s.jobs.get(id) as Job;

async function apply(target: Parameters<AppServices['hostSettings']['apply']>[0], change: Record<string, unknown>): Promise<Job> {
  const r = s.hostSettings.apply(target, change);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.job).toMatchObject({ kind: 'host-settings', status: 'Running' });
  return r.value.done;
}

const submit = (vm: string, to: string): Job => {
  const r = s.migration.submitVm({ vm, destinationHost: to });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('Hyper-V Settings on one host', () => {
  it('reads a host’s settings with the format’s names, ignoring the case of its name', () => {
    expect(s.hostSettings.get('hv-a')).toEqual({
      ok: true,
      value: {
        host: 'HV-A',
        hostGroup: 'All Hosts/Lab',
        cluster: null,
        state: 'Responding',
        clusterMaxParallelMigrations: null,
        settings: { enabled: true, maxLive: 2, maxStorage: 2, performanceOption: 'Compression', authentication: 'CredSSP', useAnyNetwork: true, networks: [] },
      },
    });
    expect(s.hostSettings.get('HV-NOPE')).toMatchObject({ ok: false, error: { code: 'host-not-found' } });
  });

  it('applies a change as a job: the connector gets the whole new settings, the inventory and its revision follow', async () => {
    const revision = s.inventory.snapshot().revision;
    const done = await apply({ host: 'hv-b' }, { maxLive: 4, performanceOption: 'SMB', useAnyNetwork: false, networks: ['10.0.0.0/24', 'fd00::/64'] });
    const expected = {
      enabled: true,
      maxLive: 4,
      maxStorage: 2,
      performanceOption: 'SMB',
      authentication: 'CredSSP',
      useAnyNetwork: false,
      networks: ['10.0.0.0/24', 'fd00::/64'],
    };
    expect(connector.applied).toEqual([{ host: 'HV-B', settings: expected }]);
    expect(settingsOf('HV-B')).toEqual(expected);
    expect(s.inventory.snapshot().revision).toBe(revision + 1);
    expect(done).toMatchObject({
      name: 'Change Hyper-V settings of HV-B',
      target: 'HV-B',
      status: 'Completed',
      progress: 100,
      summary:
        'HV-B: simultaneous live migrations 2 → 4, performance option Compression → SMB, use any network on → off, and migration networks [] → [10.0.0.0/24, fd00::/64].',
    });
    expect(done.steps.map((st) => [st.name, st.status])).toEqual([
      ['Apply the settings on HV-B', 'Completed'],
      ['Record the settings in the inventory', 'Completed'],
    ]);
    expect(job(done.id).status).toBe('Completed');
    s.hub.flush();
    expect(events.some((e) => e.name === 'inventory.changed')).toBe(true);
  });

  it('keeps the new settings in the database, for the next start and for other processes', async () => {
    await apply({ host: 'HV-C' }, { enabled: false, maxStorage: 5, authentication: 'Kerberos' });
    await s.close();
    s = await open();
    expect(settingsOf('HV-C')).toMatchObject({ enabled: false, maxStorage: 5, authentication: 'Kerberos' });
    expect(settingsOf('HV-B')).toMatchObject({ enabled: true, maxStorage: 2 });
  });

  it('refuses an invalid value with every reason, starting no job and changing nothing', () => {
    const before = structuredClone(s.inventory.snapshot());
    const jobsBefore = s.jobs.list(100).length;
    const r = s.hostSettings.apply({ host: 'HV-B' }, { maxLive: 4, maxStorage: 0, networks: ['10.0.0.0/24', '10.0.0.300/24'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'settings-invalid' } });
    if (r.ok) return;
    expect(r.error.message).toBe(
      'The settings were not changed: maxStorage: 0 is not a whole number from 1 to 64; networks[1]: "10.0.0.300/24" is not an IPv4 or IPv6 address or subnet.',
    );
    expect((r.error.detail as { problems: SettingsProblem[] }).problems.map((p) => p.path)).toEqual(['maxStorage', 'networks[1]']);
    expect(connector.applied).toEqual([]);
    expect(s.jobs.list(100)).toHaveLength(jobsBefore);
    expect(s.inventory.snapshot()).toEqual(before);
  });

  it('refuses turning off "any network" on a host with no networks listed', () => {
    const r = s.hostSettings.apply({ host: 'HV-B' }, { useAnyNetwork: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'settings-invalid', message: expect.stringContaining('networks: is empty') } });
  });

  it('refuses a change that sets nothing', () => {
    expect(s.hostSettings.apply({ host: 'HV-B' }, {})).toMatchObject({ ok: false, error: { code: 'settings-empty' } });
  });

  it('says which name it does not know', () => {
    expect(s.hostSettings.apply({ host: 'HV-Z' }, { maxLive: 3 })).toMatchObject({ ok: false, error: { code: 'host-not-found' } });
    expect(s.hostSettings.apply({ hostGroup: 'All Hosts/Napoli' }, { maxLive: 3 })).toMatchObject({ ok: false, error: { code: 'host-group-not-found' } });
    expect(s.hostSettings.apply({ cluster: 'CL-Z' }, { maxLive: 3 })).toMatchObject({ ok: false, error: { code: 'cluster-not-found' } });
  });

  it('fails the job when the host refuses, with its problem and what to do, and changes nothing in the inventory', async () => {
    connector.failing.add('HV-B');
    const before = settingsOf('HV-B');
    const done = await apply({ host: 'HV-B' }, { maxLive: 6 });
    expect(done).toMatchObject({
      status: 'Failed',
      error: {
        problem: 'Host HV-B is not responding.',
        recommendedAction: expect.stringMatching(/^Check that HV-B is running and reachable\. Then apply the settings again/),
      },
    });
    expect(done.steps.map((st) => st.status)).toEqual(['Failed', 'Queued']);
    expect(settingsOf('HV-B')).toEqual(before);
  });

  it('fails on a host that is not responding, with the simulator connector', async () => {
    await s.close();
    const doc = estate();
    doc.hosts[3].state = 'NotResponding';
    s = await createAppServices({ databasePath: join(dir, 'sim.db'), runner: 'app' });
    await s.inventory.importText('estate.json', JSON.stringify(doc));
    const r = s.hostSettings.apply({ host: 'HV-D' }, { maxLive: 3 });
    if (!r.ok) throw new Error(r.error.message);
    expect(await r.value.done).toMatchObject({ status: 'Failed', error: { problem: 'Host HV-D is not responding (state: NotResponding).' } });
    const ok = s.hostSettings.apply({ host: 'HV-C' }, { maxLive: 3 });
    if (!ok.ok) throw new Error(ok.error.message);
    expect(await ok.value.done).toMatchObject({ status: 'Completed' });
  });
});

describe('Hyper-V Settings for all hosts of a group or cluster', () => {
  it('applies one change to every host in one job, a step per host', async () => {
    const done = await apply({ hostGroup: 'lab' }, { maxStorage: 3 });
    expect(done).toMatchObject({ name: 'Change Hyper-V settings of 4 hosts in All Hosts/Lab', target: 'All Hosts/Lab', status: 'Completed' });
    expect(done.steps.map((st) => st.name)).toEqual([
      'Apply the settings on HV-A',
      'Apply the settings on HV-B',
      'Apply the settings on HV-C',
      'Apply the settings on HV-D',
      'Record the settings in the inventory',
    ]);
    expect(['HV-A', 'HV-B', 'HV-C', 'HV-D'].map((h) => settingsOf(h).maxStorage)).toEqual([3, 3, 3, 3]);
    expect(done.summary).toMatch(/^Changed 4 of 4 hosts in All Hosts\/Lab: HV-A \(simultaneous storage migrations 2 → 3\)/);
  });

  it('applies to every node of a cluster and to no other host', async () => {
    await s.close();
    const doc = estate();
    doc.clusters = [{ name: 'CL-LAB', hostGroup: 'All Hosts/Lab', functionalLevel: 11, maxParallelMigrations: null, sharedVolumes: [] }];
    doc.hosts[1].cluster = 'CL-LAB';
    doc.hosts[2].cluster = 'CL-LAB';
    s = await open();
    await s.inventory.importText('estate.json', JSON.stringify(doc));
    await apply({ cluster: 'cl-lab' }, { authentication: 'Kerberos' });
    expect(['HV-A', 'HV-B', 'HV-C', 'HV-D'].map((h) => settingsOf(h).authentication)).toEqual(['CredSSP', 'Kerberos', 'Kerberos', 'CredSSP']);
  });

  it('refuses the whole change when a value is invalid for one host, naming it', async () => {
    await s.close();
    const doc = estate();
    doc.hosts[2].liveMigration = {
      enabled: true,
      maxLive: 2,
      maxStorage: 2,
      performanceOption: 'TCPIP',
      authentication: 'CredSSP',
      useAnyNetwork: false,
      networks: ['10.1.0.0/16'],
    };
    s = await open();
    await s.inventory.importText('estate.json', JSON.stringify(doc));
    const r = s.hostSettings.apply({ hostGroup: 'All Hosts/Lab' }, { useAnyNetwork: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'settings-invalid' } });
    if (r.ok) return;
    expect((r.error.detail as { problems: SettingsProblem[] }).problems.map((p) => p.host)).toEqual(['HV-A', 'HV-B', 'HV-D']);
    expect(connector.applied).toEqual([]);
  });

  it('when one host fails, the others keep the change and the job fails naming that host and what to do', async () => {
    connector.failing.add('HV-C');
    const done = await apply({ hostGroup: 'All Hosts/Lab' }, { maxLive: 5 });
    expect(done.status).toBe('Failed');
    expect(done.steps.map((st) => st.status)).toEqual(['Completed', 'Completed', 'Failed', 'Completed', 'Completed']);
    expect(done.error?.problem).toBe(
      'The settings could not be applied on 1 of 4 hosts in All Hosts/Lab: HV-C: Host HV-C is not responding. The other 3 of 4 hosts have the new settings and keep them.',
    );
    expect(done.error?.recommendedAction).toBe(
      'Check that HV-C is running and reachable. Then apply the settings again to HV-C, or to All Hosts/Lab (hosts that already have them do not change).',
    );
    expect(['HV-A', 'HV-B', 'HV-C', 'HV-D'].map((h) => settingsOf(h).maxLive)).toEqual([5, 5, 2, 5]);
    // Applying again once the host is back finishes the job's intent; the others stay as they are.
    connector.failing.clear();
    const again = await apply({ hostGroup: 'All Hosts/Lab' }, { maxLive: 5 });
    expect(again).toMatchObject({ status: 'Completed', summary: 'Changed 1 of 4 hosts in All Hosts/Lab: HV-C (simultaneous live migrations 2 → 5).' });
  });
});

describe('the scheduler and Select Host obey a change at once', () => {
  it('a raised limit starts a queued move at once', async () => {
    const a = submit('VM-1', 'HV-B');
    const b = submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    expect([a, b, c].map((j) => job(j.id).status)).toEqual(['Running', 'Running', 'Queued']);
    await apply({ host: 'HV-A' }, { maxLive: 3 });
    expect(job(c.id).status).toBe('Running');
    expect(connector.moves.map((m) => m.request.vm)).toEqual(['VM-1', 'VM-2', 'VM-3']);
  });

  it('a limit raised by another process sharing the database (ferry host-settings) starts the app’s queued move', async () => {
    submit('VM-1', 'HV-B');
    submit('VM-2', 'HV-C');
    const c = submit('VM-3', 'HV-D');
    const cli = await createAppServices({ databasePath: join(dir, 'ferry.db') });
    try {
      const r = cli.hostSettings.apply({ host: 'HV-A' }, { maxLive: 3 });
      if (!r.ok) throw new Error(r.error.message);
      expect(await r.value.done).toMatchObject({ status: 'Completed' });
    } finally {
      await cli.close();
    }
    // The app's database watcher notices the commit and runs a decision with the new limit.
    await vi.waitFor(() => expect(job(c.id).status).toBe('Running'), { timeout: 5000, interval: 50 });
    expect(settingsOf('HV-A').maxLive).toBe(3);
  });

  it('a lowered limit interrupts nothing and holds the next move', async () => {
    const a = submit('VM-1', 'HV-B');
    await apply({ host: 'HV-A' }, { maxLive: 1 });
    expect(job(a.id).status).toBe('Running');
    expect(connector.of('VM-1').canceled).toBe(false);
    const b = submit('VM-2', 'HV-C');
    expect(job(b.id)).toMatchObject({ status: 'Queued', waitingFor: 'waiting for a live-migration slot on HV-A (1 of 1 in use), position 1' });
  });

  it('disabling live migration blocks the host in Select Host with live-migration-disabled', async () => {
    const row = () => {
      const r = s.migration.selectHosts('VM-1');
      if (!r.ok) throw new Error(r.error.message);
      return r.value.find((x) => x.host === 'HV-B')!;
    };
    expect(row().available).toBe(true);
    await apply({ host: 'HV-B' }, { enabled: false });
    expect(row()).toMatchObject({
      available: false,
      rating: 0,
      reasons: [{ code: 'live-migration-disabled', message: expect.stringContaining('HV-B (the destination)') }],
    });
    expect(s.migration.submitVm({ vm: 'VM-1', destinationHost: 'HV-B' })).toMatchObject({ ok: false, error: { code: 'destination-unavailable' } });
  });
});
