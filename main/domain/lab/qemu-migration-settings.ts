import { english, plural, text, type Text } from '../../../shared/i18n/text.js';
import type { Host, PerformanceOption } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';

/**
 * How a host's live-migration options map to QEMU's migration settings:
 * - the bandwidth cap is the slower migration network of the two hosts (`max-bandwidth`);
 * - TCP/IP is one plain stream;
 * - Compression is multifd with zstd (QEMU's default two channels);
 * - SMB is multifd with one channel per NIC (the fewer of the two hosts'), as SMB Multichannel spreads
 *   a transfer over the NICs.
 * Capabilities and multifd parameters must match on both ends; the cap matters on the source only.
 */
export interface QemuMigrationSettings {
  capabilities: { capability: string; state: boolean }[];
  /** For both ends. */
  parameters: Record<string, unknown>;
  /** For the source only. */
  sourceParameters: Record<string, unknown>;
  /** Bytes per second the migration may use. */
  maxBandwidthBps: number;
  /** A sentence for the job: "Compression: multifd, 2 channels, zstd; capped at 1.25 GB/s". */
  describe: string;
  /** `describe` as a catalogue sentence, for the console. */
  describeText: Text;
}

/** QEMU's default downtime limit, which the migration model also uses as its target. */
export const QEMU_DOWNTIME_LIMIT_MS = 300;

/** The QEMU settings of a move between `source` and `destination` with `option`. */
export function qemuMigrationSettings(
  option: PerformanceOption,
  source: Pick<Host, 'migrationNetwork'>,
  destination: Pick<Host, 'migrationNetwork'>,
): QemuMigrationSettings {
  const gbps = Math.min(source.migrationNetwork.gbps, destination.migrationNetwork.gbps);
  const maxBandwidthBps = Math.max(1, Math.round((gbps * 1e9) / 8));
  const capabilities = [{ capability: 'events', state: true }];
  let parameters: Record<string, unknown>;
  let how: Text;
  switch (option) {
    case 'TCPIP':
      capabilities.push({ capability: 'multifd', state: false });
      parameters = {};
      how = text('lab.how.tcpip');
      break;
    case 'Compression':
      capabilities.push({ capability: 'multifd', state: true });
      parameters = { 'multifd-channels': 2, 'multifd-compression': 'zstd' };
      how = text('lab.how.compression');
      break;
    case 'SMB': {
      const channels = Math.max(1, Math.min(source.migrationNetwork.nics, destination.migrationNetwork.nics));
      capabilities.push({ capability: 'multifd', state: true });
      parameters = { 'multifd-channels': channels, 'multifd-compression': 'none' };
      how = plural('lab.how.smb', channels);
      break;
    }
    default:
      return assertNever(option);
  }
  const describeText = text('lab.how.capped', { how, rate: formatBps(maxBandwidthBps), gbps });
  return {
    capabilities,
    parameters,
    sourceParameters: { 'max-bandwidth': maxBandwidthBps, 'downtime-limit': QEMU_DOWNTIME_LIMIT_MS },
    maxBandwidthBps,
    describe: english(describeText),
    describeText,
  };
}

function formatBps(bps: number): string {
  const mib = bps / 1048576;
  return mib >= 1024 ? `${(mib / 1024).toFixed(2)} GiB/s` : `${Math.round(mib)} MiB/s`;
}
