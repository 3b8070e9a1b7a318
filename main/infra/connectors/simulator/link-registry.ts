import { nameKey } from '../../../domain/storage-paths/names.js';

/**
 * Moves in flight on each host's migration network. A move between two hosts is on both hosts'
 * links; it shares with the busier of the two (each end's NICs are a bottleneck). Insertion order is
 * kept, so what the connector recomputes is deterministic for a given order of starts.
 */
export class LinkRegistry<M> {
  private readonly byHost = new Map<string, Set<M>>();

  /** Puts a move on the links of its hosts. */
  add(move: M, hosts: readonly string[]): void {
    for (const host of unique(hosts)) {
      const set = this.byHost.get(host) ?? new Set<M>();
      set.add(move);
      this.byHost.set(host, set);
    }
  }

  /** Takes a move off the links of its hosts. */
  remove(move: M, hosts: readonly string[]): void {
    for (const host of unique(hosts)) {
      const set = this.byHost.get(host);
      if (!set) continue;
      set.delete(move);
      if (set.size === 0) this.byHost.delete(host);
    }
  }

  /** How many moves share the link a move between `hosts` runs on: the most on any one of them. */
  sharedBy(hosts: readonly string[]): number {
    let most = 0;
    for (const host of unique(hosts)) most = Math.max(most, this.byHost.get(host)?.size ?? 0);
    return most;
  }

  /** How many moves are on one host's link now. */
  countOn(host: string): number {
    return this.byHost.get(nameKey(host))?.size ?? 0;
  }

  /** The moves on any of `hosts`' links, each once, host by host in the order they joined. */
  movesOn(hosts: readonly string[]): M[] {
    const out = new Set<M>();
    for (const host of unique(hosts)) for (const move of this.byHost.get(host) ?? []) out.add(move);
    return [...out];
  }
}

function unique(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map(nameKey))];
}
