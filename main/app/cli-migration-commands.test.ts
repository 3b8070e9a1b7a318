import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryOn } from '../../test/fixtures/cli-run.js';

let dir: string;
let db: string;

const ferry = ferryOn(() => db);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-mig-'));
  db = join(dir, 'ferry.db');
  expect((await ferry('import', 'resources/demo-inventory.json')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ferry hosts', () => {
  it('prints one JSON row per other host with exactly the documented keys', async () => {
    const r = await ferry('hosts', 'web-rm-01', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows).toHaveLength(14);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['available', 'cluster', 'host', 'rating', 'reasons', 'transferType', 'warnings']);
    expect(rows.find((x) => x.host === 'HV-RM-01')).toBeUndefined();
    expect(rows.find((x) => x.host === 'HV-RM-02')).toMatchObject({ available: true, transferType: 'Live', cluster: null });
  });

  it('gives the placement rules’ reasons and warnings with their codes and sentences (migration-rules.md section 8)', async () => {
    type Row = {
      host: string;
      rating: number;
      available: boolean;
      reasons: { code: string; message: string }[];
      warnings: { code: string; message: string }[];
    };
    const exch = JSON.parse((await ferry('hosts', 'EXCH-MI-01', '--json')).out) as Row[];
    expect(exch.find((x) => x.host === 'HV-MI-03')).toMatchObject({
      available: false,
      rating: 0,
      reasons: [{ code: 'affinity-rule', message: expect.stringContaining('HV-MI-03 runs EXCH-MI-02') }],
    });
    const sql = JSON.parse((await ferry('hosts', 'SQL-PROD-MI-01', '--json')).out) as Row[];
    expect(sql.find((x) => x.host === 'HV-MI-02')?.reasons.map((r) => r.code)).toEqual(['not-possible-owner']);
    expect(sql.find((x) => x.host === 'HV-MI-04')?.warnings.map((w) => w.code)).toEqual(['not-preferred-owner']);
    const replica = JSON.parse((await ferry('hosts', 'SQL-TO-03', '--json')).out) as Row[];
    const [to1, to2] = ['HV-TO-01', 'HV-TO-02'].map((h) => replica.find((x) => x.host === h) as Row);
    expect(to1.warnings).toEqual([{ code: 'availability-set', message: expect.stringContaining('kept apart from SQL-TO-03 by availability set SQL-AG-TO') }]);
    expect(to1.rating).toBeLessThan(to2.rating);
  });

  it('refuses a move that breaks a required rule, saying which rule and which VM', async () => {
    const r = await ferry('migrate', 'EXCH-MI-01', '--to', 'HV-MI-03', '--json');
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'ferry: HV-MI-03 can’t take EXCH-MI-01: HV-MI-03 runs EXCH-MI-02, and affinity rule exch-dag-mi (DifferentNode, required) keeps EXCH-MI-01 on a different node: pick another host.\n'.replace(
        '’',
        "'",
      ),
    });
  });

  it('lists every blocking reason of an unavailable host with its code', async () => {
    const rows = JSON.parse((await ferry('hosts', 'SQL-FCI-MI-01', '--json')).out) as {
      host: string;
      rating: number;
      available: boolean;
      reasons: { code: string }[];
    }[];
    const row = rows.find((x) => x.host === 'HV-RM-01');
    expect(row).toMatchObject({ available: false, rating: 0 });
    expect(row?.reasons.map((x) => x.code)).toEqual(['shared-vhdx']);
  });

  it('prints a readable table without --json', async () => {
    const r = await ferry('hosts', 'DEV-RM-01');
    expect(r.out).toMatch(/^Destinations for DEV-RM-01: \d+ of 14 hosts available/);
    expect(r.out).toMatch(/HV-RM-05\s+-\s+-\s+no\s+host-not-responding/);
  });

  it('exits 2 naming a VM that is not in the inventory', async () => {
    const r = await ferry('hosts', 'NO-SUCH-VM', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No VM named "NO-SUCH-VM"/);
  });
});

describe('ferry check-path', () => {
  it('refuses an SMB path with a short server name, giving the FQDN example', async () => {
    const r = await ferry('check-path', 'hv-rm-02', '\\\\fileserver1\\smbshare', '--json');
    expect(r.code).toBe(0);
    const check = JSON.parse(r.out);
    expect(check).toMatchObject({ valid: false, code: 'smb-path-not-fqdn' });
    expect(check.message).toContain('\\\\fileserver1.contoso.com\\smbshare');
  });

  it('accepts a path on one of the host volumes', async () => {
    expect(JSON.parse((await ferry('check-path', 'HV-RM-02', 'D:\\Hyper-V\\New', '--json')).out)).toMatchObject({ valid: true, code: null });
  });

  it('refuses a relative path and a drive the host does not have', async () => {
    expect(JSON.parse((await ferry('check-path', 'HV-RM-02', 'VMs\\x', '--json')).out).code).toBe('path-invalid');
    expect(JSON.parse((await ferry('check-path', 'HV-RM-02', 'Q:\\VMs', '--json')).out).code).toBe('path-volume-unknown');
  });

  it('exits 2 naming a host that is not in the inventory', async () => {
    const r = await ferry('check-path', 'HV-NOWHERE', 'D:\\VMs', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/HV-NOWHERE/);
  });
});

describe('ferry script', () => {
  it('prints a Hyper-V or VMM script for a live migration with the names as literals', async () => {
    const r = await ferry('script', 'web-rm-01', '--to', 'hv-rm-02', '--performance', 'smb');
    expect(r.code).toBe(0);
    expect(r.out).toContain("'WEB-RM-01'");
    expect(r.out).toMatch(/Move-SCVirtualMachine|Move-VM/);
  });

  it('prints a storage migration script', async () => {
    const r = await ferry('script', 'WEB-RM-01', '--storage', '--path', 'D:\\Hyper-V');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Move-SCVirtualMachine|Move-VMStorage/);
  });

  it('places VHDs individually with --disk SRC=DST, for a VM migration and a storage migration', async () => {
    const fatture = 'D:\\Hyper-V\\Fatturazione-Roma\\Virtual Hard Disks\\fatture.vhdx';
    const vm = await ferry('script', 'Fatturazione-Roma', '--to', 'HV-RM-02', '--disk', `${fatture}=D:\\Fatture`);
    expect(vm.code).toBe(0);
    expect(vm.out).toContain("Move-SCVirtualHardDisk -VirtualHardDisk $vhd -Path 'D:\\Fatture' -JobGroup $jobGroup");
    const storage = await ferry('script', 'Fatturazione-Roma', '--storage', '--path', 'D:\\Config', '--disk', `${fatture}=D:\\Fatture`);
    expect(storage.code).toBe(0);
    expect(storage.out).toContain("Move-SCVirtualMachine -VM $vm -VMHost $vmHost -Path 'D:\\Config' -JobGroup $jobGroup");
    const notHers = await ferry('script', 'Fatturazione-Roma', '--to', 'HV-RM-02', '--disk', 'D:\\nope.vhdx=D:\\Fatture');
    expect([notHers.code, notHers.err]).toEqual([1, expect.stringContaining('D:\\nope.vhdx is not a virtual hard disk of Fatturazione-Roma')]);
  });

  it('refuses a destination that cannot take the VM, saying why', async () => {
    const r = await ferry('script', 'DEV-RM-01', '--to', 'HV-RM-05');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/HV-RM-05 can't take DEV-RM-01/);
  });

  it('refuses --to together with --storage, and a bad --performance', async () => {
    expect((await ferry('script', 'WEB-RM-01', '--to', 'HV-RM-02', '--storage', '--path', 'D:\\x')).code).toBe(2);
    const r = await ferry('script', 'WEB-RM-01', '--to', 'HV-RM-02', '--performance', 'fast');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--performance must be one of TCPIP, Compression, SMB/);
  });

  it('exits 2 naming an unknown destination host', async () => {
    const r = await ferry('script', 'WEB-RM-01', '--to', 'HV-NOWHERE');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No host named "HV-NOWHERE"/);
  });
});
