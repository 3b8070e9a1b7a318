import type { InvokeArgs } from '../../shared/contract/invoke.js';
import {
  checkConnectionChange,
  defaultConnectionSettings,
  type ConnectionSettings,
  type ConnectionSettingsView,
  type InventoryRefreshSummary,
} from '../../shared/model/connection.js';
import type { InventoryDocument } from '../../shared/model/inventory.js';
import { err, ok, type Result } from '../../shared/model/result.js';

/** The fake backend's host-group connection settings: the backend's own checks, kept in memory. */
export interface FakeConnections {
  get(inventory: InventoryDocument, args: InvokeArgs['connection.get']): Result<ConnectionSettingsView>;
  set(inventory: InventoryDocument, args: InvokeArgs['connection.set']): Result<ConnectionSettingsView>;
  refresh(inventory: InventoryDocument, args: InvokeArgs['inventory.refresh'], jobId: string): Result<InventoryRefreshSummary>;
}

/** Creates the fake's connection settings; passwords are "stored" (as the desktop app would) but never kept. */
export function createFakeConnections(passwordStorage = { available: true, reason: null as string | null }): FakeConnections {
  const saved = new Map<string, ConnectionSettings>();
  const group = (inventory: InventoryDocument, name: string): string | null =>
    inventory.hostGroups.find((g) => g.toLowerCase() === name.trim().toLowerCase()) ??
    inventory.hosts.find((h) => h.hostGroup.toLowerCase() === name.trim().toLowerCase())?.hostGroup ??
    null;
  const current = (g: string): ConnectionSettings => saved.get(g.toLowerCase()) ?? defaultConnectionSettings(g);
  return {
    get: (inventory, args) => {
      const g = group(inventory, args.hostGroup);
      if (g === null) return err('host-group-not-found', `No host group named "${args.hostGroup}" is in the inventory.`);
      return ok({ ...current(g), passwordStorage });
    },
    set: (inventory, args) => {
      const g = group(inventory, args.hostGroup);
      if (g === null) return err('host-group-not-found', `No host group named "${args.hostGroup}" is in the inventory.`);
      const checked = checkConnectionChange(current(g), { ...args, hostGroup: g }, passwordStorage);
      if (!checked.ok) return err('connection-invalid', checked.problems.map((p) => p.message).join(' '), { problems: checked.problems });
      saved.set(g.toLowerCase(), checked.value.settings);
      return ok({ ...checked.value.settings, passwordStorage });
    },
    refresh: (inventory, args, jobId) => {
      const g = group(inventory, args.hostGroup);
      if (g === null) return err('host-group-not-found', `No host group named "${args.hostGroup}" is in the inventory.`);
      if (current(g).connector !== 'hyperv') {
        return err('group-uses-simulator', `${g} uses the simulator, so there are no real hosts to read.`);
      }
      const hosts = inventory.hosts.filter((h) => h.hostGroup.toLowerCase() === g.toLowerCase());
      const names = new Set(hosts.map((h) => h.name.toLowerCase()));
      return ok({
        hostGroup: g,
        jobId,
        hosts: hosts.length,
        clusters: new Set(hosts.map((h) => h.cluster).filter((c) => c !== null)).size,
        vms: inventory.vms.filter((v) => names.has(v.host.toLowerCase())).length,
        unreachable: [],
      });
    },
  };
}
