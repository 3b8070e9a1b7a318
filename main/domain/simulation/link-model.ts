import type { Host, PerformanceOption } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { MBPS_PER_GBPS } from './model-constants.js';

/**
 * The link model: how fast one move's memory and files cross the migration network, by performance
 * option (migration-rules.md section 5). Approximations drawn from:
 * - Microsoft, "Virtual Machine Live Migration Overview" (Windows Server 2012 R2) and the
 *   `Set-VMHost -VirtualMachineMigrationPerformanceOption` docs: TCP/IP, Compression (default), SMB;
 * - Ben Armstrong, "Faster Live Migration with Compression in Windows Server 2012 R2" (2013): compression
 *   only uses CPU the host is not using, throttling back toward plain TCP/IP when CPU is busy;
 *   Microsoft's material says it roughly halves the time;
 * - Ben Armstrong, "Faster Live Migration with RDMA in Windows Server 2012 R2" (2013): SMB Direct plus
 *   SMB Multichannel reach line rate across all connections with almost no CPU;
 * - Aidan Finn, "Comparing TCPIP, Compressed, and SMB WS2012 R2 Hyper-V Live Migration Speeds": TCP/IP
 *   keeps about 95% of one 1 GbE NIC busy; SMB Direct nearly 10 Gbps on one 10 GbE NIC, and more with
 *   Multichannel;
 * - Altaro and ITPro Today notes on the options: a TCP/IP or Compression migration is one TCP stream on
 *   one path (teaming spreads simultaneous migrations, not one), SMB Multichannel uses every NIC.
 *
 * The rules:
 * - line rate = the slower end's `gbps`, NICs = the fewer of the two ends' `nics`; RDMA needs both ends;
 * - TCP/IP: one stream at 90% of one NIC's line rate (TCP/IP and framing overhead, a round figure
 *   under Finn's 95% on 1 GbE, since one stream rarely fills a faster NIC);
 * - Compression: the TCP/IP rate times 2 while the source's CPU usage is at most 50%, falling linearly
 *   to 1 (plain TCP/IP) as usage reaches 100%. Rates here are memory MB/s, so compression counts as a
 *   faster link, not fewer bytes;
 * - SMB with RDMA on both ends (SMB Direct + Multichannel): line rate × NICs;
 * - SMB without RDMA: about the TCP/IP rate (the issue's rule; SMB Multichannel may do better, not
 *   counted);
 * - sharing: `sharedBy` moves on the link split its aggregate capacity (the per-move rate × NICs for the
 *   single-stream options, each stream still capped at its own rate) fairly;
 * - files (storage copied by a Live (VSM) or Network move) cross at the option's rate without
 *   compression (VHDX blocks are not compressed by the live migration engine).
 */

/** TCP/IP efficiency: the share of one NIC's line rate one live-migration TCP stream achieves. */
export const TCP_EFFICIENCY = 0.9;
/** Compression's speed-up of the effective memory rate with spare CPU ("roughly halves the time"). */
export const COMPRESSION_MAX_FACTOR = 2;
/** CPU usage, percent, up to which compression gets its full speed-up. */
export const COMPRESSION_FULL_BELOW_CPU = 50;
/** CPU usage, percent, at which compression has no CPU left and runs at the TCP/IP rate. */
export const COMPRESSION_NONE_AT_CPU = 100;
/** A floor for a link whose speed is missing or zero in the inventory, MB/s: it still moves, slowly. */
export const MIN_LINK_MBPS = 1;

/** What the link model needs from each end of a move: its migration network and its CPU load. */
export type LinkEnd = Pick<Host, 'migrationNetwork' | 'cpu'>;

/** A move's link: the two ends, the performance option and how many moves share the link now. */
export interface LinkInput {
  source: LinkEnd;
  destination: LinkEnd;
  option: PerformanceOption;
  /** Moves on the link now, this one included; below 1 counts as 1. */
  sharedBy: number;
  /**
   * Moves on each end's migration network now, this one included. When given, each end's whole
   * capacity (its line rate times its NICs) is shared fairly among the moves on it, and the move gets
   * the least of its stream rate and its share at either end; `sharedBy` then only labels the basis.
   * Without it, the move shares the slower end's capacity with the busier end's count (conservative).
   */
  sharedAt?: { source: number; destination: number };
}

/** The rates one move gets on a link, in MB/s (MiB), and the rule behind them. */
export interface LinkEstimate {
  /** Memory MB per second for this move, after the option and sharing. */
  memoryMBps: number;
  /** File (VHDX) MB per second for this move across the link, after sharing, without compression. */
  fileCopyMBps: number;
  /**
   * The rate of pre-copy's final copy with the VM paused, when the hypervisor lifts its bandwidth cap
   * for it (QEMU does; set from measurements, never by `linkEstimate`); absent: `memoryMBps`.
   */
  stopAndCopyMBps?: number;
  /** One NIC's line rate at the slower end. */
  lineMBps: number;
  /** NICs both ends have. */
  nics: number;
  /** Whether SMB Direct applies (SMB option, RDMA on both ends). */
  rdma: boolean;
  /** The compression speed-up applied (1 when not compressing). */
  compressionFactor: number;
  sharedBy: number;
  /**
   * The share of each end's migration-network capacity (its line rate × its NICs at the option's
   * efficiency) this move's stream takes when nothing else runs there: 1 fills that end, so a second
   * move there only slows both down.
   */
  endLoad: { source: number; destination: number };
  /** The rule applied, in words, for a planner's explanation. */
  basis: string;
}

/** The speed-up compression gets at a CPU usage: 2 up to 50%, linearly down to 1 at 100%. */
export function compressionFactor(cpuUsagePercent: number): number {
  const usage = Math.min(Math.max(cpuUsagePercent, 0), COMPRESSION_NONE_AT_CPU);
  if (usage <= COMPRESSION_FULL_BELOW_CPU) return COMPRESSION_MAX_FACTOR;
  const spare = (COMPRESSION_NONE_AT_CPU - usage) / (COMPRESSION_NONE_AT_CPU - COMPRESSION_FULL_BELOW_CPU);
  return 1 + (COMPRESSION_MAX_FACTOR - 1) * spare;
}

/** A stream rate and the link's aggregate capacity for it, before sharing. */
interface Capacity {
  streamMBps: number;
  totalMBps: number;
}

/** One move's rate on a link shared by `sharedBy` moves: a fair share of the total, capped at the stream rate. */
function share(capacity: Capacity, sharedBy: number): number {
  return Math.max(MIN_LINK_MBPS, Math.min(capacity.streamMBps, capacity.totalMBps / sharedBy));
}

/** An end's whole migration-network capacity: its line rate × its NICs × `perNic` (the option's efficiency). */
function endCapacity(e: LinkEnd, perNic: number): number {
  return Math.max(0, e.migrationNetwork.gbps) * MBPS_PER_GBPS * Math.max(1, Math.floor(e.migrationNetwork.nics)) * perNic;
}

/** With per-end counts: a fair share of each end's own capacity, capped at the stream rate. */
function shareAtEnds(streamMBps: number, input: LinkInput, perNic: number, at: { source: number; destination: number }): number {
  return Math.max(
    MIN_LINK_MBPS,
    Math.min(streamMBps, endCapacity(input.source, perNic) / Math.max(1, at.source), endCapacity(input.destination, perNic) / Math.max(1, at.destination)),
  );
}

/** What a stream alone takes of each end's capacity. */
function endLoads(streamMBps: number, input: LinkInput, perNic: number): { source: number; destination: number } {
  const load = (e: LinkEnd): number => Math.min(1, streamMBps / Math.max(1e-9, endCapacity(e, perNic)));
  return { source: load(input.source), destination: load(input.destination) };
}

/** The rates one move gets on its link, by the rules above. */
export function linkEstimate(input: LinkInput): LinkEstimate {
  const src = input.source.migrationNetwork;
  const dst = input.destination.migrationNetwork;
  const lineMBps = Math.max(0, Math.min(src.gbps, dst.gbps)) * MBPS_PER_GBPS;
  const nics = Math.max(1, Math.floor(Math.min(src.nics, dst.nics)));
  const at = input.sharedAt;
  const sharedBy = Math.max(1, Math.floor(at ? Math.max(at.source, at.destination) : input.sharedBy));
  const rdma = input.option === 'SMB' && src.rdma && dst.rdma;
  const tcp: Capacity = { streamMBps: lineMBps * TCP_EFFICIENCY, totalMBps: lineMBps * TCP_EFFICIENCY * nics };
  const shared = sharedBy > 1 ? `, shared by ${sharedBy} moves` : '';
  const line = `${formatRate(lineMBps)} per NIC × ${nics}`;
  switch (input.option) {
    case 'TCPIP': {
      const rate = at ? shareAtEnds(tcp.streamMBps, input, TCP_EFFICIENCY, at) : share(tcp, sharedBy);
      return {
        memoryMBps: rate,
        fileCopyMBps: rate,
        lineMBps,
        nics,
        rdma,
        compressionFactor: 1,
        sharedBy,
        endLoad: endLoads(tcp.streamMBps, input, TCP_EFFICIENCY),
        basis: `TCP/IP: one stream at ${TCP_EFFICIENCY * 100}% of one NIC (${line})${shared}`,
      };
    }
    case 'Compression': {
      const factor = compressionFactor(input.source.cpu.usagePercent);
      const compressed: Capacity = { streamMBps: tcp.streamMBps * factor, totalMBps: tcp.totalMBps * factor };
      return {
        memoryMBps: at ? shareAtEnds(compressed.streamMBps, input, TCP_EFFICIENCY * factor, at) : share(compressed, sharedBy),
        fileCopyMBps: at ? shareAtEnds(tcp.streamMBps, input, TCP_EFFICIENCY, at) : share(tcp, sharedBy),
        lineMBps,
        nics,
        rdma,
        compressionFactor: factor,
        sharedBy,
        endLoad: endLoads(tcp.streamMBps, input, TCP_EFFICIENCY),
        basis: `Compression: TCP/IP rate × ${factor.toFixed(2)} at ${input.source.cpu.usagePercent}% source CPU (${line})${shared}`,
      };
    }
    case 'SMB': {
      if (!rdma) {
        const rate = at ? shareAtEnds(tcp.streamMBps, input, TCP_EFFICIENCY, at) : share(tcp, sharedBy);
        return {
          memoryMBps: rate,
          fileCopyMBps: rate,
          lineMBps,
          nics,
          rdma,
          compressionFactor: 1,
          sharedBy,
          endLoad: endLoads(tcp.streamMBps, input, TCP_EFFICIENCY),
          basis: `SMB without RDMA on both ends: about the TCP/IP rate (${line})${shared}`,
        };
      }
      const direct: Capacity = { streamMBps: lineMBps * nics, totalMBps: lineMBps * nics };
      const rate = at ? shareAtEnds(direct.streamMBps, input, 1, at) : share(direct, sharedBy);
      return {
        memoryMBps: rate,
        fileCopyMBps: rate,
        lineMBps,
        nics,
        rdma,
        compressionFactor: 1,
        sharedBy,
        endLoad: endLoads(direct.streamMBps, input, 1),
        basis: `SMB Direct + Multichannel: line rate × NICs (${line})${shared}`,
      };
    }
    default:
      return assertNever(input.option);
  }
}

/** The effective memory bandwidth of one move on its link, MB/s. */
export function effectiveBandwidth(input: LinkInput): number {
  return linkEstimate(input).memoryMBps;
}

/** A rate for a sentence: "1073 MB/s". */
export function formatRate(mbps: number): string {
  return `${Math.round(mbps)} MB/s`;
}
