import { describe, expect, it } from 'vitest';
import { QEMU_DOWNTIME_LIMIT_MS, qemuMigrationSettings } from './qemu-migration-settings.js';

const host = (gbps: number, nics: number) => ({ migrationNetwork: { gbps, rdma: false, nics } });

describe("a host's migration options in QEMU", () => {
  it('TCP/IP is one plain stream, capped by the slower migration network', () => {
    const s = qemuMigrationSettings('TCPIP', host(10, 2), host(1, 4));
    expect(s.capabilities).toEqual([
      { capability: 'events', state: true },
      { capability: 'multifd', state: false },
    ]);
    expect(s.parameters).toEqual({});
    expect(s.sourceParameters).toEqual({ 'max-bandwidth': 125_000_000, 'downtime-limit': QEMU_DOWNTIME_LIMIT_MS });
    expect(s.describe).toBe('TCP/IP: one stream; capped at 119 MiB/s (1 Gbps migration network)');
  });

  it('Compression is multifd with zstd', () => {
    const s = qemuMigrationSettings('Compression', host(10, 2), host(10, 2));
    expect(s.capabilities).toContainEqual({ capability: 'multifd', state: true });
    expect(s.parameters).toEqual({ 'multifd-channels': 2, 'multifd-compression': 'zstd' });
    expect(s.describe).toMatch(/^Compression: multifd, 2 channels, zstd; capped at 1.16 GiB\/s/);
  });

  it("SMB is multifd with one channel per NIC, the fewer of the two hosts'", () => {
    const s = qemuMigrationSettings('SMB', host(25, 4), host(25, 3));
    expect(s.parameters).toEqual({ 'multifd-channels': 3, 'multifd-compression': 'none' });
    expect(qemuMigrationSettings('SMB', host(25, 1), host(25, 3)).describe).toMatch(/^SMB: multifd, 1 channel \(one per NIC\)/);
  });
});
