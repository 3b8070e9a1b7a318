import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryOn } from '../../test/fixtures/cli-run.js';

let dir: string;
let db: string;

const ferry = ferryOn(() => db);

const KEYS = ['enabled', 'maxLive', 'maxStorage', 'performanceOption', 'authentication', 'useAnyNetwork', 'networks'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-hvs-'));
  db = join(dir, 'ferry.db');
  expect((await ferry('import', 'resources/demo-inventory.json')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ferry host-settings HOST', () => {
  it('prints exactly the keys of the format’s liveMigration object with --json, in its order', async () => {
    const r = await ferry('host-settings', 'hv-rm-02', '--json');
    expect(r.code).toBe(0);
    const settings = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(settings)).toEqual(KEYS);
    expect(settings).toEqual({
      enabled: true,
      maxLive: 2,
      maxStorage: 2,
      performanceOption: 'Compression',
      authentication: 'Kerberos',
      useAnyNetwork: false,
      networks: ['10.30.50.0/24'],
    });
  });

  it('prints a readable listing with the same names, and the cluster limit that wins over maxLive', async () => {
    const r = await ferry('host-settings', 'HV-MI-01');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Hyper-V settings of HV-MI-01 \(All Hosts\/Milano, cluster CL-MI-22\)/);
    for (const key of KEYS) expect(r.out).toMatch(new RegExp(`^${key}\\s`, 'm'));
    expect(r.out).toMatch(/^networks\s+10\.10\.50\.0\/24, 10\.10\.51\.0\/24\s/m);
    expect(r.out).toContain('The cluster CL-MI-22 allows at most 4 parallel migrations; that limit wins over maxLive.');
  });

  it('exits 2 naming a host that is not in the inventory', async () => {
    const r = await ferry('host-settings', 'HV-NOPE');
    expect(r.code).toBe(2);
    expect(r.err).toContain('No host named "HV-NOPE" is in the inventory.');
    expect((await ferry('host-settings', 'HV-NOPE', '--set', 'maxLive=abc')).code).toBe(2);
  });
});

describe('ferry host-settings HOST --set', () => {
  it('applies a change as a job, waits for it, and the host shows it', async () => {
    const r = await ferry('host-settings', 'hv-rm-03', '--set', 'maxLive=4', '--set', 'performanceOption=smb', '--set', 'networks=10.30.60.0/24, fd00:30::/64');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'Change Hyper-V settings of HV-RM-03: Completed. HV-RM-03: simultaneous live migrations 2 → 4, performance option TCPIP → SMB, and migration networks [10.30.60.0/24] → [10.30.60.0/24, fd00:30::/64].\n',
    );
    const after = JSON.parse((await ferry('host-settings', 'HV-RM-03', '--json')).out);
    expect(after).toMatchObject({ maxLive: 4, performanceOption: 'SMB', networks: ['10.30.60.0/24', 'fd00:30::/64'] });
    const jobs = JSON.parse((await ferry('jobs', '--json', '--limit', '1')).out);
    expect(jobs[0]).toMatchObject({ kind: 'host-settings', name: 'Change Hyper-V settings of HV-RM-03', status: 'Completed' });
  });

  it('refuses invalid values with the dialog’s reasons, exit 1, changing nothing', async () => {
    const before = (await ferry('host-settings', 'HV-RM-02', '--json')).out;
    const r = await ferry(
      'host-settings',
      'HV-RM-02',
      '--set',
      'maxLive=0',
      '--set',
      'enabled=maybe',
      '--set',
      'networks=10.0.0.0/24,10.0.0.0/24,10.0.0.300/24',
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      [
        'ferry host-settings: The settings were not changed:',
        '  maxLive: 0 is not a whole number from 1 to 64',
        '  enabled: "maybe" is not true or false',
        '  networks[1]: "10.0.0.0/24" is already in the list (networks[0])',
        '  networks[2]: "10.0.0.300/24" is not an IPv4 or IPv6 address or subnet',
        '',
      ].join('\n'),
    );
    expect((await ferry('host-settings', 'HV-RM-02', '--json')).out).toBe(before);
  });

  it('refuses an empty list of networks where it is the only way in', async () => {
    const r = await ferry('host-settings', 'HV-RM-02', '--set', 'networks=');
    expect(r.code).toBe(1);
    expect(r.err).toContain('  networks: is empty: add at least one IP address or subnet, or use any available network (useAnyNetwork)');
  });

  it('exits 2 for a setting that does not exist or a --set without a value', async () => {
    const unknown = await ferry('host-settings', 'HV-RM-02', '--set', 'speed=3');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      '"speed" is not a setting; the settings are enabled, maxLive, maxStorage, performanceOption, authentication, useAnyNetwork, networks',
    );
    expect((await ferry('host-settings', 'HV-RM-02', '--set', 'maxLive')).code).toBe(2);
    expect((await ferry('host-settings', 'HV-RM-02', '--set', 'maxLive=3', '--set', 'maxlive=4')).code).toBe(2);
    expect((await ferry('host-settings')).code).toBe(2);
    expect((await ferry('host-settings', 'HV-RM-02', '--cluster', 'CL-TO-19')).code).toBe(2);
  });

  it('fails the job on a host that does not respond, exit 1, with the problem and what to do', async () => {
    const r = await ferry('host-settings', 'HV-RM-05', '--set', 'maxStorage=3');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Change Hyper-V settings of HV-RM-05: Failed/);
    expect(r.err).toMatch(/^Problem: Host HV-RM-05 is not responding/);
    expect(r.err).toMatch(/Recommended action: .*apply the settings again/);
  });
});

describe('ferry host-settings --group / --cluster', () => {
  it('shows every node of a cluster and changes them all in one job', async () => {
    const shown = await ferry('host-settings', '--cluster', 'cl-to-19', '--json');
    expect(Object.keys(JSON.parse(shown.out))).toEqual(['HV-TO-01', 'HV-TO-02', 'HV-TO-03']);
    const r = await ferry('host-settings', '--cluster', 'CL-TO-19', '--set', 'maxLive=3', '--json');
    expect(r.code).toBe(0);
    const job = JSON.parse(r.out);
    expect(job).toMatchObject({ kind: 'host-settings', name: 'Change Hyper-V settings of 3 hosts in CL-TO-19', status: 'Completed' });
    expect(job.steps).toHaveLength(4);
    const after = JSON.parse((await ferry('host-settings', '--cluster', 'CL-TO-19', '--json')).out) as Record<string, { maxLive: number }>;
    expect(Object.values(after).map((s) => s.maxLive)).toEqual([3, 3, 3]);
  });

  it('changes the hosts of a group that respond, and fails the job naming the one that does not', async () => {
    const r = await ferry('host-settings', '--group', 'All Hosts/Roma', '--set', 'authentication=Kerberos');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Change Hyper-V settings of 5 hosts in All Hosts\/Roma: Failed/);
    expect(r.err).toMatch(/could not be applied on 1 of 5 hosts in All Hosts\/Roma: HV-RM-05: Host HV-RM-05 is not responding/);
    const after = JSON.parse((await ferry('host-settings', '--group', 'Roma', '--json')).out) as Record<string, { authentication: string }>;
    expect(after['HV-RM-03'].authentication).toBe('Kerberos');
  });

  it('exits 2 for a group it does not know', async () => {
    expect((await ferry('host-settings', '--group', 'Napoli')).code).toBe(2);
  });
});
