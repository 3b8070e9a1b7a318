import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { checkStoragePath, storageLocationsFor } from './check-storage-path.js';
import { buildStorageIndex } from './storage-index.js';

const demo = JSON.parse(readFileSync(new URL('../../../resources/demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;

describe('checkStoragePath (migration-rules.md section 3)', () => {
  it("accepts a drive path on one of the host's volumes and says which volume and its free space", () => {
    expect(checkStoragePath('HV-RM-02', 'D:\\Hyper-V\\New', demo)).toMatchObject({
      valid: true,
      code: null,
      message: 'D:\\Hyper-V\\New is on volume D:\\ of HV-RM-02: 2470 GB free of 3840 GB.',
    });
  });

  it("accepts a drive path on a CSV of the host's cluster", () => {
    const check = checkStoragePath('HV-MI-02', 'C:\\ClusterStorage\\Volume2\\VMs', demo);
    expect(check).toMatchObject({ valid: true, code: null });
    expect(check.message).toContain('cluster shared volume C:\\ClusterStorage\\Volume2');
    expect(check.message).toContain('3002 GB free');
  });

  it('accepts a UNC path on an SMB 3 share the host reaches, with its free space', () => {
    const check = checkStoragePath('HV-RM-01', '\\\\sofs-rm.contoso.com\\vmstore\\Nuova', demo);
    expect(check).toMatchObject({ valid: true, code: null });
    expect(check.message).toContain('SMB 3.0 share \\\\sofs-rm.contoso.com\\vmstore: 8394 GB free');
  });

  it('accepts a UNC path with an FQDN on a share the inventory does not list, saying its space is unknown', () => {
    const check = checkStoragePath('HV-RM-01', '\\\\fileserver1.contoso.com\\smbshare', demo);
    expect(check).toMatchObject({ valid: true, code: null });
    expect(check.message).toMatch(/does not list.*cannot check its free space/);
  });

  it('smb-path-not-fqdn: refuses \\\\fileserver1\\smbshare and gives the FQDN example', () => {
    const check = checkStoragePath('HV-RM-01', '\\\\fileserver1\\smbshare', demo);
    expect(check).toMatchObject({ valid: false, code: 'smb-path-not-fqdn' });
    expect(check.message).toContain('\\\\fileserver1.contoso.com\\smbshare');
  });

  it('path-invalid: refuses relative and other non-absolute paths', () => {
    for (const path of ['VMs', 'VMs\\New', 'D:', 'D:VMs', '\\VMs', '/mnt/vms', 'D:/VMs', '', '\\\\server-only', '\\\\fs.contoso.com\\']) {
      const check = checkStoragePath('HV-RM-02', path, demo);
      expect(check.code, JSON.stringify(path)).toBe('path-invalid');
      expect(check.valid).toBe(false);
    }
    expect(checkStoragePath('HV-RM-02', 'VMs', demo).message).toMatch(/D:\\VMs.*\\\\fileserver1\.contoso\.com\\smbshare/);
  });

  it('path-invalid: refuses characters Windows forbids and . or .. folders', () => {
    for (const path of ['D:\\VMs\\a|b', 'D:\\VMs\\what?', 'D:\\VMs\\a:b', 'D:\\VMs\\..\\Windows', 'D:\\VMs\\line\nbreak', '\\\\fs.contoso.com\\share\\*']) {
      expect(checkStoragePath('HV-RM-02', path, demo).code, JSON.stringify(path)).toBe('path-invalid');
    }
  });

  it('path-volume-unknown: refuses a drive the host does not have, listing the ones it has', () => {
    const check = checkStoragePath('HV-RM-02', 'E:\\VMs', demo);
    expect(check).toMatchObject({ valid: false, code: 'path-volume-unknown' });
    expect(check.message).toContain('D:\\');
  });

  it('path-volume-unknown: a CSV path on a standalone host is not one of its volumes', () => {
    expect(checkStoragePath('HV-RM-02', 'C:\\ClusterStorage\\Volume1\\VMs', demo).code).toBe('path-volume-unknown');
  });

  it('smb-version-unsupported: refuses a known SMB 2.1 share', () => {
    const check = checkStoragePath('HV-RM-01', '\\\\nas-rm-01.contoso.com\\vm\\Nuova', demo);
    expect(check).toMatchObject({ valid: false, code: 'smb-version-unsupported' });
    expect(check.message).toContain('SMB 2.1');
  });

  it('share-unreachable: refuses a known SMB 3 share the host does not reach', () => {
    const check = checkStoragePath('HV-TO-03', '\\\\fs-to-01.contoso.com\\hyperv\\New', demo);
    expect(check).toMatchObject({ valid: false, code: 'share-unreachable' });
    expect(check.message).toContain('HV-TO-03');
  });

  it('host-not-found: names the host that is not in the inventory', () => {
    expect(checkStoragePath('HV-NOWHERE', 'D:\\VMs', demo)).toMatchObject({ valid: false, code: 'host-not-found' });
  });

  it('compares host names and paths ignoring case, and takes a prebuilt index', () => {
    const index = buildStorageIndex(demo);
    expect(checkStoragePath('hv-rm-02', 'd:\\hyper-v', index)).toMatchObject({ valid: true, code: null });
    expect(checkStoragePath('HV-RM-01', '\\\\SOFS-RM.CONTOSO.COM\\VMSTORE\\x', index)).toMatchObject({ valid: true, code: null });
  });

  it('prefers the most specific volume: a CSV under C:\\ wins over a local C:\\ volume', () => {
    const doc = minimalInventory();
    doc.hosts[0].volumes.push({ path: 'C:\\', capacityGB: 200, freeGB: 50 });
    expect(checkStoragePath('HV-MI-11', 'C:\\ClusterStorage\\Volume1\\X', doc).message).toContain('cluster shared volume');
    expect(checkStoragePath('HV-MI-11', 'C:\\VMs', doc).message).toContain('volume C:\\ of HV-MI-11: 50 GB free');
  });
});

describe('storageLocationsFor (Browse)', () => {
  it('lists defaults first, then volumes and CSVs, then reachable SMB 3 shares, each once', () => {
    expect(storageLocationsFor('HV-MI-02', demo).map((l) => [l.kind, l.path])).toEqual([
      ['default', 'C:\\ClusterStorage\\Volume1'],
      ['default', 'C:\\ClusterStorage\\Volume2'],
      ['default', 'C:\\ClusterStorage\\Volume3'],
      ['default', '\\\\fs-mi-01.contoso.com\\vmstore'],
      ['volume', 'D:\\'],
    ]);
  });

  it('leaves out SMB 2.1 shares and gives free space where known', () => {
    const locations = storageLocationsFor('HV-RM-02', demo);
    expect(locations.map((l) => l.path)).toEqual(['D:\\Hyper-V', 'D:\\', '\\\\sofs-rm.contoso.com\\vmstore']);
    expect(locations[0]).toEqual({ path: 'D:\\Hyper-V', kind: 'default', freeGB: 2470, capacityGB: 3840 });
  });

  it('is empty for an unknown host', () => {
    expect(storageLocationsFor('HV-NOWHERE', demo)).toEqual([]);
  });
});

describe('checkStoragePath sentences for the console', () => {
  it('carries each verdict as a catalogue sentence with raw sizes, which renders in Italian', async () => {
    const { renderText } = await import('../../../shared/i18n/text.js');
    const { mainItMessages } = await import('../../../shared/i18n/it.js');
    const check = checkStoragePath('HV-RM-02', 'D:\\Hyper-V\\New', demo);
    expect(check.text).toMatchObject({ key: 'path.onTarget', params: { free: { gb: 2470 }, capacity: { gb: 3840 } } });
    const italian = renderText(check.text!, mainItMessages, {
      number: String,
      mb: (v) => `${v} MB`,
      gb: (v) => `${v} GB`,
      time: String,
      list: (items) => items.join(', '),
      plural: () => 'other',
    });
    expect(italian).toBe('D:\\Hyper-V\\New si trova in volume D:\\ di HV-RM-02: 2470 GB liberi su 3840 GB.');
  });
});
