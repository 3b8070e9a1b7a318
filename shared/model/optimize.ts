/**
 * Optimize Hosts (VMM's Dynamic Optimization, vCenter's DRS recommendations): which live migrations even out
 * the load of a cluster, a host group or All Hosts, and why each is worth making. `ferry plan --optimize --json`
 * prints `balance` exactly as named here.
 */
import type { Said } from '../i18n/text.js';

/** How small a gain Optimize Hosts still proposes: high proposes smaller gains, low only the big ones. */
export const AGGRESSIVENESS_VALUES = ['low', 'medium', 'high'] as const;
/** An aggressiveness level. */
export type Aggressiveness = (typeof AGGRESSIVENESS_VALUES)[number];

/**
 * The least gain a move must bring, in percentage points of the busier of its two hosts' load (memory or CPU,
 * whichever is higher), per aggressiveness.
 */
export const LEAST_GAIN_POINTS: Readonly<Record<Aggressiveness, number>> = { low: 3, medium: 1.5, high: 0.5 };

/**
 * The least gain of a move that relieves a host over its thresholds, at any aggressiveness: an over host is the
 * reason to optimize at all, so even a small VM that brings it down is worth moving.
 */
export const OVER_HOST_LEAST_GAIN_POINTS = 0.5;

/** A host is over when its free memory or its free CPU falls below these, in percent. */
export interface OptimizeThresholds {
  memoryFreePercent: number;
  cpuFreePercent: number;
}

/**
 * Defaults: 20% free memory lets the other nodes of a five-node cluster take a failed node's VMs (each takes a
 * quarter of 80%) without paging; 25% free CPU keeps hosts below the 75% where vCPU ready time starts to grow.
 */
export const DEFAULT_OPTIMIZE_THRESHOLDS: Readonly<OptimizeThresholds> = Object.freeze({ memoryFreePercent: 20, cpuFreePercent: 25 });

/** What to optimize: one cluster, or every cluster under a host group ("All Hosts" for the whole estate). */
export type OptimizeScope = { cluster: string } | { group: string };

/** What Optimize Hosts is asked. */
export interface OptimizeRequest {
  scope: OptimizeScope;
  aggressiveness: Aggressiveness;
  /** Also move VMs between standalone hosts that share storage (their files on one SMB 3 share both reach). */
  allowStandalone?: boolean;
}

/** One host's load, percent of its memory in use and of its CPU. */
export interface HostLoad {
  host: string;
  memoryPercent: number;
  cpuPercent: number;
}

/** The load of the hosts taking part, at one moment (before or after the moves). */
export interface BalanceSide {
  hosts: HostLoad[];
  maxMemoryPercent: number;
  stdevMemoryPercent: number;
}

/** The load before and after the proposed moves (`--json`'s `balance`). */
export interface Balance {
  before: BalanceSide;
  after: BalanceSide;
}

/** A host's thresholds, as used (its host group's, or the defaults). */
export interface HostThresholds extends OptimizeThresholds {
  host: string;
  /** The host group whose thresholds apply, or null for the defaults. */
  from: string | null;
}

/** A proposed move with why it is worth making ("HV-07 memory 91% → 78%"). */
export interface OptimizeMove {
  vm: string;
  from: string;
  to: string;
  /** Percentage points the busier of the two hosts comes down by. */
  gain: number;
  /** Whether the source was over its thresholds before the move. */
  relievesOver: boolean;
  reason: Said;
}

/** A host of the scope left out, with why (maintenance mode, not responding, standalone). */
export interface OptimizeSkippedHost extends Said {
  host: string;
  code: 'maintenance-mode' | 'host-not-responding' | 'standalone';
}

/** What Optimize Hosts found: the moves, the balance before and after, the thresholds, and a summary. */
export interface OptimizeOutcome {
  request: OptimizeRequest;
  /** The least gain a move had to bring, percentage points. */
  leastGain: number;
  moves: OptimizeMove[];
  balance: Balance;
  thresholds: HostThresholds[];
  skipped: OptimizeSkippedHost[];
  /** "3 moves bring the busiest host from 91% to 74%", or that nothing is worth moving and why. */
  summary: Said;
}

/** The thresholds set on host groups (by path), and the defaults for groups that inherit none. */
export interface OptimizeThresholdSettings {
  groups: Record<string, OptimizeThresholds>;
  defaults: OptimizeThresholds;
}
