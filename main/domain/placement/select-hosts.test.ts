import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import type { HostBusy, HostRating } from '../../../shared/model/placement.js';
import { buildPlacementIndex } from './placement-index.js';
import { selectHosts, type PlacementContext } from './select-hosts.js';

// The pairs of docs/demo-estate.md, one per code and per transfer type, checked against the real demo file.
const demo = JSON.parse(readFileSync(new URL('../../../resources/demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;
const index = buildPlacementIndex(demo);

function rows(vm: string, context?: PlacementContext): HostRating[] {
  const result = selectHosts(vm, index, context);
  if (!result.ok) throw new Error(`${vm}: ${result.error.message}`);
  return result.value;
}

function row(vm: string, host: string, context?: PlacementContext): HostRating {
  const found = rows(vm, context).find((r) => r.host === host);
  if (!found) throw new Error(`${host} is not listed for ${vm}`);
  return found;
}

const codes = (r: HostRating) => r.reasons.map((x) => x.code);
const warningCodes = (r: HostRating) => r.warnings.map((x) => x.code);

function expectBlockedBy(r: HostRating, expected: string[]): void {
  expect(codes(r)).toEqual(expected);
  expect(r.available).toBe(false);
  expect(r.rating).toBe(0);
  expect(r.transferType).toBeNull();
}

describe('selectHosts on the demo estate: blocking reasons (2.1)', () => {
  it('host-not-responding: DEV-RM-01 to HV-RM-05, which is NotResponding', () => {
    const r = row('DEV-RM-01', 'HV-RM-05');
    expectBlockedBy(r, ['host-not-responding']);
    expect(r.reasons[0].message).toMatch(/HV-RM-05.*refresh the host.*WinRM/);
  });

  it('maintenance-mode: DEV-RM-01 to HV-TO-04, in maintenance mode', () => {
    const r = row('DEV-RM-01', 'HV-TO-04');
    expectBlockedBy(r, ['maintenance-mode']);
    expect(r.reasons[0].message).toMatch(/stop maintenance mode/);
  });

  it('live-migration-disabled (destination): Fatturazione-Roma to HV-RM-04', () => {
    const r = row('Fatturazione-Roma', 'HV-RM-04');
    expectBlockedBy(r, ['live-migration-disabled']);
    expect(r.reasons[0].message).toContain('HV-RM-04 (the destination)');
    expect(r.reasons[0].message).toMatch(/enable incoming and outgoing live migrations/);
  });

  it('live-migration-disabled (source): VDI-RM-01 on HV-RM-04 to HV-RM-01', () => {
    const r = row('VDI-RM-01', 'HV-RM-01');
    expectBlockedBy(r, ['live-migration-disabled']);
    expect(r.reasons[0].message).toContain('HV-RM-04 (the source)');
    expect(r.reasons[0].message).not.toContain('HV-RM-01 (the destination)');
  });

  it('processor-vendor-mismatch: LAB-K8S-01 (AMD) to HV-RM-02 (Intel)', () => {
    const r = row('LAB-K8S-01', 'HV-RM-02');
    expectBlockedBy(r, ['processor-vendor-mismatch']);
    expect(r.reasons[0].message).toMatch(/AMD.*Intel.*shut it down and use a network move/i);
  });

  it('processor-version-mismatch: Fatturazione-Roma from Ice Lake to Sapphire Rapids with compatibility off', () => {
    const r = row('Fatturazione-Roma', 'HV-MI-02');
    expectBlockedBy(r, ['processor-version-mismatch']);
    expect(r.reasons[0].message).toMatch(/Ice Lake.*Sapphire Rapids/);
    expect(r.reasons[0].message).toContain('Migrate to a physical computer with a different processor version');
  });

  it('config-version-unsupported: LAB-WS2025-TEST (12.0, Off) to HV-RM-02 (WS2022 runs 8.0 to 10.0)', () => {
    const r = row('LAB-WS2025-TEST', 'HV-RM-02');
    expectBlockedBy(r, ['config-version-unsupported']);
    expect(r.reasons[0].message).toMatch(/12\.0.*8\.0 to 10\.0/);
    expect(r.reasons[0].message).not.toContain('newer host');
  });

  it('compatibility-vector-stale: Contabilità-01 (vector 10) to HV-MI-02 in CL-MI-22 (level 11)', () => {
    const r = row('Contabilità-01', 'HV-MI-02');
    expectBlockedBy(r, ['compatibility-vector-stale']);
    expect(r.reasons[0].message).toContain('last started while CL-MI-22 ran an older cluster version');
    expect(r.reasons[0].message).toContain('Shut Contabilità-01 down and start it again');
    expect(r.reasons[0].message).not.toContain('Msvm_');
  });

  it('insufficient-memory: SAP-HANA-PRD to HV-MI-02, 110848 MB missing', () => {
    const r = row('SAP-HANA-PRD', 'HV-MI-02');
    expectBlockedBy(r, ['insufficient-memory']);
    expect(r.reasons[0].message).toContain('393216 MB');
    expect(r.reasons[0].message).toContain('282368 MB');
    expect(r.reasons[0].message).toContain('110848 MB');
  });

  it('insufficient-storage: FILESRV-RM-01 (6271 GB) to HV-RM-02, whose D:\\Hyper-V has 2470 GB free', () => {
    const r = row('FILESRV-RM-01', 'HV-RM-02');
    expectBlockedBy(r, ['insufficient-storage']);
    expect(r.reasons[0].message).toContain('D:\\Hyper-V');
    expect(r.reasons[0].message).toContain('2470 GB free');
    expect(r.reasons[0].message).toContain('6271 GB');
    expect(r.reasons[0].message).toContain('3801.1 GB missing');
  });

  it('shared-vhdx: SQL-FCI-MI-01, running with shared disks, to standalone HV-RM-01 (Live (VSM))', () => {
    const r = row('SQL-FCI-MI-01', 'HV-RM-01');
    expectBlockedBy(r, ['shared-vhdx']);
    expect(r.reasons[0].message).toContain('SQL-FCI-Shared\\quorum.vhdx');
    expect(r.reasons[0].message).toMatch(/shut down the VMs that share it.*or move the other files only/);
  });

  it('storage-unreachable: ERP-TO-APP-01 on \\\\fs-to-01 to HV-TO-03, which does not reach it', () => {
    const r = row('ERP-TO-APP-01', 'HV-TO-03');
    expectBlockedBy(r, ['storage-unreachable']);
    expect(r.reasons[0].message).toContain('\\\\fs-to-01.contoso.com\\hyperv');
  });

  it('lists every reason that applies: LAB-K8S-02 to HV-TO-04', () => {
    const r = row('LAB-K8S-02', 'HV-TO-04');
    expectBlockedBy(r, ['maintenance-mode', 'processor-vendor-mismatch', 'config-version-unsupported']);
    expect(r.ratingExplanation[0]).toMatch(/^0 stars/);
    for (const reason of r.reasons) expect(r.ratingExplanation).toContain(reason.message);
    for (const line of r.ratingExplanation) expect(line).not.toMatch(/^[a-z-]+: /);
  });
});

describe('selectHosts on the demo estate: transfer types (2.2)', () => {
  it('rule 1, Live within the cluster on a CSV: Magazzino-Torino to HV-TO-02, no warnings', () => {
    const r = row('Magazzino-Torino', 'HV-TO-02');
    expect(r).toMatchObject({ available: true, transferType: 'Live', reasons: [], warnings: [] });
    expect(r.transferExplanation[0]).toMatch(/^Live: .*on the cluster’s storage/);
  });

  it('rule 1, Live within the cluster on an SMB 3.1.1 share every node reaches: Ufficio Tecnico Àòè to HV-MI-01', () => {
    const r = row('Ufficio Tecnico Àòè', 'HV-MI-01');
    expect(r).toMatchObject({ available: true, transferType: 'Live', warnings: [] });
    expect(r.transferExplanation[0]).toMatch(/^Live: .*on the cluster’s storage/);
  });

  it('rule 2, Live from one SMB 3.0 share the destination reaches: WEB-RM-01 to HV-RM-02, no warnings', () => {
    const r = row('WEB-RM-01', 'HV-RM-02');
    expect(r).toMatchObject({ available: true, transferType: 'Live', warnings: [] });
    expect(r.transferExplanation[0]).toMatch(/^Live: .*every file is on/);
  });

  it('rule 2 for an HA VM whose share not every node reaches: ERP-TO-APP-01 to HV-TO-02', () => {
    const r = row('ERP-TO-APP-01', 'HV-TO-02');
    expect(r).toMatchObject({ available: true, transferType: 'Live', warnings: [] });
    expect(r.transferExplanation[0]).toMatch(/^Live: .*every file is on/);
  });

  it('rule 3, Live (VSM) from local storage: Fatturazione-Roma to HV-RM-02, 527 GB copied', () => {
    const r = row('Fatturazione-Roma', 'HV-RM-02');
    expect(r).toMatchObject({ available: true, transferType: 'Live (VSM)' });
    expect(warningCodes(r)).toEqual(['storage-moves']);
    expect(r.warnings[0].message).toContain('527 GB');
    expect(r.transferExplanation.join(' ')).toContain('527 GB');
  });

  it('rule 3, Live (VSM) from an SMB 2.1 share: Paghe-Roma to HV-RM-01, 327 GB copied', () => {
    const r = row('Paghe-Roma', 'HV-RM-01');
    expect(r).toMatchObject({ available: true, transferType: 'Live (VSM)' });
    expect(warningCodes(r)).toEqual(['storage-moves']);
    expect(r.warnings[0].message).toContain('327 GB');
    expect(r.transferExplanation[0]).toContain('SMB 2.1');
  });

  it('rule 4, Quick for a saved HA VM within its cluster: MES-TO-01 to HV-TO-01, no warnings', () => {
    const r = row('MES-TO-01', 'HV-TO-01');
    expect(r).toMatchObject({ available: true, transferType: 'Quick', warnings: [] });
  });

  it('rule 5, Network for an Off VM: DEV-RM-01 to HV-RM-01, 227 GB copied', () => {
    const r = row('DEV-RM-01', 'HV-RM-01');
    expect(r).toMatchObject({ available: true, transferType: 'Network' });
    expect(warningCodes(r)).toEqual(['storage-moves']);
    expect(r.warnings[0].message).toContain('227 GB');
  });

  it('rule 5 also for an Off HA VM inside its cluster: PRINT-MI-01 to HV-MI-01', () => {
    const r = row('PRINT-MI-01', 'HV-MI-01');
    expect(r).toMatchObject({ available: true, transferType: 'Network' });
    expect(warningCodes(r)).toEqual(['storage-moves']);
  });

  it('SAP-HANA-PRD fits only HV-MI-04, HV-MI-01 (its source) and HV-RM-01: Live to HV-MI-04', () => {
    expect(row('SAP-HANA-PRD', 'HV-MI-04')).toMatchObject({ available: true, transferType: 'Live' });
    const withMemory = rows('SAP-HANA-PRD')
      .filter((r) => !codes(r).includes('insufficient-memory'))
      .map((r) => r.host);
    expect(withMemory.sort()).toEqual(['HV-MI-04', 'HV-RM-01']);
  });
});

describe('selectHosts on the demo estate: warnings (2.3)', () => {
  it('loses-high-availability: WEB-MI-01 from CL-MI-22 to HV-TO-01 in CL-TO-19, with the window of a Live (VSM)', () => {
    const r = row('WEB-MI-01', 'HV-TO-01');
    expect(r).toMatchObject({ available: true, transferType: 'Live (VSM)' });
    expect(warningCodes(r)).toEqual(['loses-high-availability', 'storage-moves']);
    expect(r.warnings[0].message).toMatch(/whole storage copy \(187 GB\)/);
    expect(r.warnings[1].message).toContain('187 GB');
    expect(r.transferExplanation.join(' ')).toMatch(/not highly available while it moves/);
  });

  it('becomes-not-highly-available: WEB-MI-01 to standalone HV-RM-01', () => {
    const r = row('WEB-MI-01', 'HV-RM-01');
    expect(r).toMatchObject({ available: true, transferType: 'Live (VSM)' });
    expect(warningCodes(r)).toEqual(['becomes-not-highly-available', 'storage-moves']);
    expect(r.warnings[0].message).toContain('standalone');
  });

  it('storage-moves: Fatturazione-Roma to HV-RM-02 says how many GB are copied', () => {
    expect(row('Fatturazione-Roma', 'HV-RM-02').warnings).toEqual([
      {
        code: 'storage-moves',
        message: expect.stringContaining('527 GB of Fatturazione-Roma'),
        text: expect.objectContaining({ key: 'warning.storage-moves' }),
      },
    ]);
  });

  it('host-busy: HV-RM-02 has both live slots in use, so a third move from it waits at position 1', () => {
    const busy: Record<string, HostBusy> = { 'HV-RM-02': { liveInUse: 2, liveMax: 2, storageInUse: 0, storageMax: 2, queuePosition: 1 } };
    const r = row('Paghe-Roma', 'HV-RM-01', { busy });
    expect(warningCodes(r)).toEqual(['storage-moves', 'host-busy']);
    expect(r.warnings[1].message).toMatch(/HV-RM-02 \(the source\) has all 2 live migration slots in use.*position 1/);
    expect(r.available).toBe(true);
  });

  it('no host-busy warning without busy information', () => {
    expect(warningCodes(row('Paghe-Roma', 'HV-RM-01'))).toEqual(['storage-moves']);
  });
});

describe('selectHosts on the demo estate: the rows', () => {
  it('lists every other host once and never the source', () => {
    for (const vm of demo.vms) {
      const hosts = rows(vm.name).map((r) => r.host);
      expect(hosts).not.toContain(vm.host);
      expect(new Set(hosts).size).toBe(demo.hosts.length - 1);
    }
  });

  it('sorts available first, best rated first, then by name', () => {
    for (const vm of demo.vms) {
      const list = rows(vm.name);
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1], list[i]];
        const order = Number(b.available) - Number(a.available) || b.rating - a.rating || a.host.localeCompare(b.host, 'en', { numeric: true });
        expect(order, `${vm.name}: ${a.host} before ${b.host}`).toBeLessThanOrEqual(0);
      }
    }
  });

  it('rates available hosts 0.5 to 5 in half steps and unavailable ones 0, with the matching transfer type', () => {
    for (const vm of demo.vms) {
      for (const r of rows(vm.name)) {
        expect(Number.isInteger(r.rating * 2)).toBe(true);
        if (r.available) {
          expect(r.rating).toBeGreaterThanOrEqual(0.5);
          expect(r.rating).toBeLessThanOrEqual(5);
          expect(r.transferType).not.toBeNull();
          expect(r.reasons).toEqual([]);
        } else {
          expect(r.rating).toBe(0);
          expect(r.transferType).toBeNull();
          expect(r.warnings).toEqual([]);
        }
      }
    }
  });

  it('explains the rating formula of an available host', () => {
    const text = row('Fatturazione-Roma', 'HV-RM-02').ratingExplanation.join('\n');
    expect(text).toMatch(/Memory \(weight 0\.6\)/);
    expect(text).toMatch(/CPU \(weight 0\.25\)/);
    expect(text).toMatch(/Storage \(weight 0\.15\)/);
    expect(text).toMatch(/rounded to the nearest half star/);
  });

  it('gives the same rows from the inventory as from a cached index', () => {
    expect(JSON.stringify(selectHosts('WEB-MI-01', demo))).toBe(JSON.stringify(selectHosts('WEB-MI-01', index)));
  });

  it('finds the VM ignoring case', () => {
    expect(JSON.stringify(selectHosts('ufficio tecnico àòè', demo))).toBe(JSON.stringify(selectHosts('Ufficio Tecnico Àòè', demo)));
  });

  it('answers vm-not-found as a value for an unknown VM', () => {
    const result = selectHosts('NO-SUCH-VM', demo);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('vm-not-found');
      expect(result.error.message).toContain('NO-SUCH-VM');
    }
  });
});
