import type { Host, InventoryDocument } from './inventory.js';
import type { SettingsTarget } from './live-migration-settings.js';
import { err, ok, type Result } from './result.js';

/** A target resolved in the inventory: its kind, its name as the inventory spells it, and its hosts in inventory order. */
export interface ResolvedTarget {
  kind: 'host' | 'hostGroup' | 'cluster';
  name: string;
  hosts: Host[];
}

const ROOT = 'all hosts';

/** Names as Windows compares them: ignoring case. */
const nameKey = (name: string): string => name.toLowerCase();

/** A host group path's segments below "All Hosts", lower case ("All Hosts/Milano" and "Milano" are the same group). */
function groupKey(path: string): string[] {
  const segments = path
    .split(/[/\\]/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (segments[0] === ROOT) segments.shift();
  return segments;
}

const under = (path: string, group: string[]): boolean => {
  const segments = groupKey(path);
  return group.every((s, i) => segments[i] === s);
};

/**
 * Finds the hosts a settings change applies to (shared, so the dialog says how many hosts OK changes
 * exactly as the backend counts them): one host, every host under a host group (sub-groups
 * too), or every node of a cluster. A name the inventory doesn't have is `host-not-found`,
 * `host-group-not-found` or `cluster-not-found`; a group or cluster without hosts is `no-hosts`.
 */
export function resolveSettingsTarget(target: SettingsTarget, doc: Pick<InventoryDocument, 'hosts' | 'clusters' | 'hostGroups'>): Result<ResolvedTarget> {
  if ('host' in target) {
    const host = doc.hosts.find((h) => nameKey(h.name) === nameKey(target.host));
    return host ? ok({ kind: 'host', name: host.name, hosts: [host] }) : err('host-not-found', `No host named "${target.host}" is in the inventory.`);
  }
  if ('cluster' in target) {
    const cluster = doc.clusters.find((c) => nameKey(c.name) === nameKey(target.cluster));
    if (!cluster) return err('cluster-not-found', `No cluster named "${target.cluster}" is in the inventory.`);
    const hosts = doc.hosts.filter((h) => h.cluster !== null && nameKey(h.cluster) === nameKey(cluster.name));
    return hosts.length > 0
      ? ok({ kind: 'cluster', name: cluster.name, hosts })
      : err('no-hosts', `The cluster ${cluster.name} has no hosts in the inventory.`);
  }
  const group = groupKey(target.hostGroup);
  const known = group.length === 0 || [...doc.hostGroups, ...doc.hosts.map((h) => h.hostGroup)].some((p) => under(p, group));
  if (!known) return err('host-group-not-found', `No host group named "${target.hostGroup}" is in the inventory.`);
  const name = group.length === 0 ? 'All Hosts' : (doc.hostGroups.find((p) => groupKey(p).join('/') === group.join('/')) ?? target.hostGroup);
  const hosts = doc.hosts.filter((h) => under(h.hostGroup, group));
  return hosts.length > 0 ? ok({ kind: 'hostGroup', name, hosts }) : err('no-hosts', `The host group ${name} has no hosts in the inventory.`);
}
