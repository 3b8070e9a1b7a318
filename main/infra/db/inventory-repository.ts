import type {
  AffinityRule,
  AffinityRuleType,
  Cluster,
  Host,
  InventoryDocument,
  InventoryMeta,
  InventorySource,
  Vm,
  Volume,
} from '../../../shared/model/inventory.js';
import type { CompletedMove } from '../../domain/inventory/completed-move.js';
import type { HostSettingsUpdate } from '../../domain/host-settings/settings-plan.js';
import type { Db } from './open.js';

/** What `loadInventory` answers: the estate, its meta and its revision. */
export interface StoredInventory {
  revision: number;
  meta: InventoryMeta | null;
  inventory: InventoryDocument;
}

const EMPTY: InventoryDocument = {
  format: 'ferry-inventory',
  version: 1,
  source: null,
  exportedAt: null,
  hostGroups: [],
  fileShares: [],
  clusters: [],
  hosts: [],
  vms: [],
};

const bool = (v: boolean): number => (v ? 1 : 0);

/**
 * Replaces the whole estate with `doc` in one transaction; job history and settings are kept.
 * `doc` must already be valid (the importer checks every rule). Answers the new revision.
 */
export function replaceInventory(db: Db, doc: InventoryDocument, origin: string, importedAt: Date): number {
  const run = db.transaction((): number => {
    const before = db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').get() as { revision: number } | undefined;
    const revision = (before?.revision ?? 0) + 1;
    db.exec(`
      DELETE FROM affinity_rule_vms; DELETE FROM affinity_rules;
      DELETE FROM vm_disks; DELETE FROM vms;
      DELETE FROM host_storage_locations; DELETE FROM host_volumes; DELETE FROM host_file_shares; DELETE FROM hosts;
      DELETE FROM cluster_shared_volumes; DELETE FROM clusters; DELETE FROM file_shares; DELETE FROM host_groups;
      DELETE FROM inventory_meta;
    `);
    db.prepare('INSERT INTO inventory_meta (id, origin, source, exported_at, imported_at, revision) VALUES (1, ?, ?, ?, ?, ?)').run(
      origin,
      doc.source,
      doc.exportedAt,
      importedAt.toISOString(),
      revision,
    );

    const groupIds = new Map<string, number>();
    const insGroup = db.prepare('INSERT INTO host_groups (path) VALUES (?)');
    for (const path of doc.hostGroups) groupIds.set(path.toLowerCase(), Number(insGroup.run(path).lastInsertRowid));

    const shareIds = new Map<string, number>();
    const insShare = db.prepare('INSERT INTO file_shares (path, smb_version, capacity_gb, free_gb) VALUES (?, ?, ?, ?)');
    for (const s of doc.fileShares) {
      shareIds.set(s.path.toLowerCase(), Number(insShare.run(s.path, s.smbVersion, s.capacityGB, s.freeGB).lastInsertRowid));
    }

    const clusterIds = new Map<string, number>();
    const insCluster = db.prepare('INSERT INTO clusters (name, host_group_id, functional_level, max_parallel_migrations) VALUES (?, ?, ?, ?)');
    const insCsv = db.prepare('INSERT INTO cluster_shared_volumes (cluster_id, position, path, capacity_gb, free_gb) VALUES (?, ?, ?, ?, ?)');
    for (const c of doc.clusters) {
      const id = Number(insCluster.run(c.name, groupIds.get(c.hostGroup.toLowerCase()), c.functionalLevel, c.maxParallelMigrations).lastInsertRowid);
      clusterIds.set(c.name.toLowerCase(), id);
      c.sharedVolumes.forEach((v, i) => insCsv.run(id, i, v.path, v.capacityGB, v.freeGB));
    }

    const hostIds = new Map<string, number>();
    const insHost = db.prepare(`INSERT INTO hosts (
      name, fqdn, host_group_id, cluster_id, os, supported_config_versions, state, maintenance_mode,
      cpu_vendor, cpu_generation, cpu_logical_processors, cpu_usage_percent,
      memory_total_mb, memory_available_mb, memory_reserve_mb,
      lm_enabled, lm_max_live, lm_max_storage, lm_performance_option, lm_authentication, lm_use_any_network, lm_networks,
      net_gbps, net_rdma, net_nics
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insHostShare = db.prepare('INSERT INTO host_file_shares (host_id, position, share_id) VALUES (?, ?, ?)');
    const insVolume = db.prepare('INSERT INTO host_volumes (host_id, position, path, capacity_gb, free_gb) VALUES (?, ?, ?, ?, ?)');
    const insLocation = db.prepare('INSERT INTO host_storage_locations (host_id, position, path) VALUES (?, ?, ?)');
    for (const h of doc.hosts) {
      const lm = h.liveMigration;
      const id = Number(
        insHost.run(
          h.name,
          h.fqdn,
          groupIds.get(h.hostGroup.toLowerCase()),
          h.cluster === null ? null : clusterIds.get(h.cluster.toLowerCase()),
          h.os,
          h.supportedConfigVersions === null ? null : JSON.stringify(h.supportedConfigVersions),
          h.state,
          bool(h.maintenanceMode),
          h.cpu.vendor,
          h.cpu.generation,
          h.cpu.logicalProcessors,
          h.cpu.usagePercent,
          h.memory.totalMB,
          h.memory.availableMB,
          h.memory.reserveMB,
          bool(lm.enabled),
          lm.maxLive,
          lm.maxStorage,
          lm.performanceOption,
          lm.authentication,
          bool(lm.useAnyNetwork),
          JSON.stringify(lm.networks),
          h.migrationNetwork.gbps,
          bool(h.migrationNetwork.rdma),
          h.migrationNetwork.nics,
        ).lastInsertRowid,
      );
      hostIds.set(h.name.toLowerCase(), id);
      h.fileShares.forEach((p, i) => insHostShare.run(id, i, shareIds.get(p.toLowerCase())));
      h.volumes.forEach((v, i) => insVolume.run(id, i, v.path, v.capacityGB, v.freeGB));
      h.defaultStorageLocations.forEach((p, i) => insLocation.run(id, i, p));
    }

    // The secondary indexes of the two biggest tables are built once after their rows, not row by row.
    const rebuild = withoutIndexes(db, ['vms', 'vm_disks']);
    const insVm = db.prepare(`INSERT INTO vms (
      vm_id, name, host_id, state, highly_available, memory_mb, cpu_count, config_version, generation,
      processor_compatibility, compatibility_vector, configuration_path, dirty_rate_mbps,
      possible_owners, preferred_owners, availability_sets
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insDisk = db.prepare('INSERT INTO vm_disks (vm_id, position, path, size_gb, shared) VALUES (?, ?, ?, ?, ?)');
    const vmIds = new Map<string, number>();
    for (const v of doc.vms) {
      const id = Number(
        insVm.run(
          v.id,
          v.name,
          hostIds.get(v.host.toLowerCase()),
          v.state,
          bool(v.highlyAvailable),
          v.memoryMB,
          v.cpuCount,
          v.configVersion,
          v.generation,
          bool(v.processorCompatibility),
          v.compatibilityVector,
          v.configurationPath,
          v.dirtyRateMBps,
          jsonOrAbsent(v.possibleOwners),
          jsonOrAbsent(v.preferredOwners),
          jsonOrAbsent(v.availabilitySets),
        ).lastInsertRowid,
      );
      vmIds.set(v.name.toLowerCase(), id);
      v.disks.forEach((d, i) => insDisk.run(id, i, d.path, d.sizeGB, bool(d.shared)));
    }
    rebuild();
    insertAffinityRules(db, doc.affinityRules ?? [], vmIds);
    return revision;
  });
  return run.immediate();
}

/**
 * Drops the secondary indexes of `tables` (those a migration created; not the ones of their UNIQUE and PRIMARY
 * KEY constraints) and answers the function that creates them again, from their own SQL. Inside a transaction,
 * for a bulk insert: building an index once over 45,000 rows is quicker than keeping it up row by row.
 */
function withoutIndexes(db: Db, tables: readonly string[]): () => void {
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}

/** A field the file may leave out: SQL NULL when absent, its JSON otherwise (so an explicit null survives). */
const jsonOrAbsent = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Inserts affinity rules with their VMs in order; `vmIds` maps each VM's lower-case name to its row id. */
function insertAffinityRules(db: Db, rules: readonly AffinityRule[], vmIds: ReadonlyMap<string, number>): void {
  const insRule = db.prepare('INSERT INTO affinity_rules (name, type, required) VALUES (?, ?, ?)');
  const insMember = db.prepare('INSERT INTO affinity_rule_vms (rule_id, position, vm_id) VALUES (?, ?, ?)');
  for (const rule of rules) {
    const id = Number(insRule.run(rule.name, rule.type, bool(rule.required)).lastInsertRowid);
    rule.vms.forEach((vm, i) => {
      const vmId = vmIds.get(vm.toLowerCase());
      if (vmId === undefined) throw new Error(`affinity rule ${rule.name} names VM ${vm}, which the inventory does not have`);
      insMember.run(id, i, vmId);
    });
  }
}

/** Reads the affinity rules with their VMs' names, in the order they were given; undefined when there are none. */
function loadAffinityRules(db: Db, vmName: ReadonlyMap<number, string>): AffinityRule[] | undefined {
  const rows = db.prepare('SELECT id, name, type, required FROM affinity_rules ORDER BY id').all() as {
    id: number;
    name: string;
    type: AffinityRuleType;
    required: number;
  }[];
  if (rows.length === 0) return undefined;
  const members = groupBy(
    db.prepare('SELECT rule_id, vm_id FROM affinity_rule_vms ORDER BY rule_id, position').all() as { rule_id: number; vm_id: number }[],
    (r) => r.rule_id,
  );
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    vms: (members.get(r.id) ?? []).map((m) => vmName.get(m.vm_id) as string),
    required: r.required === 1,
  }));
}

/** Groups rows by an integer key, keeping their order. */
function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

interface VolumeRow {
  owner: number;
  path: string;
  capacity_gb: number;
  free_gb: number;
}
const toVolume = (r: VolumeRow): Volume => ({ path: r.path, capacityGB: r.capacity_gb, freeGB: r.free_gb });

interface MetaRow {
  origin: string;
  source: string | null;
  exported_at: string | null;
  imported_at: string;
  revision: number;
}

const toMeta = (row: MetaRow): InventoryMeta => ({
  origin: row.origin,
  source: row.source as InventorySource | null,
  exportedAt: row.exported_at,
  importedAt: row.imported_at,
});

/** The estate's meta and revision alone (one row), without reading the estate. */
export function loadInventoryMeta(db: Db): Pick<StoredInventory, 'revision' | 'meta'> {
  const row = db.prepare('SELECT * FROM inventory_meta WHERE id = 1').get() as MetaRow | undefined;
  return row ? { revision: row.revision, meta: toMeta(row) } : { revision: 0, meta: null };
}

/** Reads the whole estate, in import order, in one read transaction. */
export function loadInventory(db: Db): StoredInventory {
  return db.transaction((): StoredInventory => {
    const metaRow = db.prepare('SELECT * FROM inventory_meta WHERE id = 1').get() as MetaRow | undefined;
    if (!metaRow) return { revision: 0, meta: null, inventory: { ...EMPTY } };

    const groups = db.prepare('SELECT id, path FROM host_groups ORDER BY id').all() as { id: number; path: string }[];
    const groupPath = new Map(groups.map((g) => [g.id, g.path]));
    const shares = db.prepare('SELECT * FROM file_shares ORDER BY id').all() as {
      id: number;
      path: string;
      smb_version: string;
      capacity_gb: number;
      free_gb: number;
    }[];
    const sharePath = new Map(shares.map((s) => [s.id, s.path]));

    const csvs = groupBy(
      db.prepare('SELECT cluster_id AS owner, path, capacity_gb, free_gb FROM cluster_shared_volumes ORDER BY cluster_id, position').all() as VolumeRow[],
      (r) => r.owner,
    );
    const clusterRows = db.prepare('SELECT * FROM clusters ORDER BY id').all() as {
      id: number;
      name: string;
      host_group_id: number;
      functional_level: number;
      max_parallel_migrations: number | null;
    }[];
    const clusterName = new Map(clusterRows.map((c) => [c.id, c.name]));
    const clusters: Cluster[] = clusterRows.map((c) => ({
      name: c.name,
      hostGroup: groupPath.get(c.host_group_id) as string,
      functionalLevel: c.functional_level,
      maxParallelMigrations: c.max_parallel_migrations,
      sharedVolumes: (csvs.get(c.id) ?? []).map(toVolume),
    }));

    const hostShares = groupBy(
      db.prepare('SELECT host_id, share_id FROM host_file_shares ORDER BY host_id, position').all() as { host_id: number; share_id: number }[],
      (r) => r.host_id,
    );
    const volumes = groupBy(
      db.prepare('SELECT host_id AS owner, path, capacity_gb, free_gb FROM host_volumes ORDER BY host_id, position').all() as VolumeRow[],
      (r) => r.owner,
    );
    const locations = groupBy(
      db.prepare('SELECT host_id, path FROM host_storage_locations ORDER BY host_id, position').all() as { host_id: number; path: string }[],
      (r) => r.host_id,
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a wide row read once and mapped field by field below
    const hostRows = db.prepare('SELECT * FROM hosts ORDER BY id').all() as any[];
    const hostName = new Map<number, string>();
    const hosts: Host[] = hostRows.map((h) => {
      hostName.set(h.id, h.name);
      return {
        name: h.name,
        fqdn: h.fqdn,
        hostGroup: groupPath.get(h.host_group_id) as string,
        cluster: h.cluster_id === null ? null : (clusterName.get(h.cluster_id) as string),
        os: h.os,
        supportedConfigVersions: h.supported_config_versions === null ? null : JSON.parse(h.supported_config_versions),
        state: h.state,
        maintenanceMode: h.maintenance_mode === 1,
        cpu: { vendor: h.cpu_vendor, generation: h.cpu_generation, logicalProcessors: h.cpu_logical_processors, usagePercent: h.cpu_usage_percent },
        memory: { totalMB: h.memory_total_mb, availableMB: h.memory_available_mb, reserveMB: h.memory_reserve_mb },
        liveMigration: {
          enabled: h.lm_enabled === 1,
          maxLive: h.lm_max_live,
          maxStorage: h.lm_max_storage,
          performanceOption: h.lm_performance_option,
          authentication: h.lm_authentication,
          useAnyNetwork: h.lm_use_any_network === 1,
          networks: JSON.parse(h.lm_networks),
        },
        migrationNetwork: { gbps: h.net_gbps, rdma: h.net_rdma === 1, nics: h.net_nics },
        fileShares: (hostShares.get(h.id) ?? []).map((r) => sharePath.get(r.share_id) as string),
        volumes: (volumes.get(h.id) ?? []).map(toVolume),
        defaultStorageLocations: (locations.get(h.id) ?? []).map((r) => r.path),
      };
    });

    const disks = groupBy(
      db.prepare('SELECT vm_id, path, size_gb, shared FROM vm_disks ORDER BY vm_id, position').all() as {
        vm_id: number;
        path: string;
        size_gb: number;
        shared: number;
      }[],
      (r) => r.vm_id,
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const vmRows = db.prepare('SELECT * FROM vms ORDER BY id').all() as any[];
    const vmName = new Map<number, string>(vmRows.map((v) => [v.id as number, v.name as string]));
    const vms: Vm[] = vmRows.map((v) => ({
      name: v.name,
      id: v.vm_id,
      host: hostName.get(v.host_id) as string,
      state: v.state,
      highlyAvailable: v.highly_available === 1,
      memoryMB: v.memory_mb,
      cpuCount: v.cpu_count,
      configVersion: v.config_version,
      generation: v.generation,
      processorCompatibility: v.processor_compatibility === 1,
      compatibilityVector: v.compatibility_vector,
      configurationPath: v.configuration_path,
      disks: (disks.get(v.id) ?? []).map((d) => ({ path: d.path, sizeGB: d.size_gb, shared: d.shared === 1 })),
      dirtyRateMBps: v.dirty_rate_mbps,
      ...(v.possible_owners === null ? {} : { possibleOwners: JSON.parse(v.possible_owners) }),
      ...(v.preferred_owners === null ? {} : { preferredOwners: JSON.parse(v.preferred_owners) }),
      ...(v.availability_sets === null ? {} : { availabilitySets: JSON.parse(v.availability_sets) }),
    }));
    const affinityRules = loadAffinityRules(db, vmName);

    return {
      revision: metaRow.revision,
      meta: toMeta(metaRow),
      inventory: {
        format: 'ferry-inventory',
        version: 1,
        source: metaRow.source as InventorySource | null,
        exportedAt: metaRow.exported_at,
        hostGroups: groups.map((g) => g.path),
        fileShares: shares.map((s) => ({ path: s.path, smbVersion: s.smb_version, capacityGB: s.capacity_gb, freeGB: s.free_gb })),
        clusters,
        hosts,
        vms,
        ...(affinityRules ? { affinityRules } : {}),
      },
    };
  })();
}

/**
 * Changes one VM's power state (a Start job, later a connector's report) and answers the new
 * revision, or null when no VM has that name.
 */
export function updateVmState(db: Db, vmName: string, state: Vm['state']): number | null {
  return db
    .transaction((): number | null => {
      const changed = db.prepare('UPDATE vms SET state = ? WHERE name = ?').run(state, vmName).changes;
      if (changed === 0) return null;
      db.prepare('UPDATE inventory_meta SET revision = revision + 1 WHERE id = 1').run();
      return db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number;
    })
    .immediate();
}

/**
 * Records a completed move in one transaction: the VM on its new host with its new paths (and its high
 * availability when the move changed it), the hosts' available memory, and the destination's new default
 * location. Answers the new revision.
 */
export function applyCompletedMove(db: Db, move: CompletedMove): number {
  return db
    .transaction((): number => {
      const vm = db.prepare('SELECT id, host_id FROM vms WHERE name = ?').get(move.vm) as { id: number; host_id: number } | undefined;
      const dest = db.prepare('SELECT id FROM hosts WHERE name = ?').pluck().get(move.destinationHost) as number | undefined;
      if (!vm || dest === undefined) throw new Error(`the inventory no longer has ${vm ? `host ${move.destinationHost}` : `VM ${move.vm}`}`);
      if (vm.host_id !== dest && move.memoryMB > 0) {
        db.prepare('UPDATE hosts SET memory_available_mb = MIN(memory_total_mb, memory_available_mb + ?) WHERE id = ?').run(move.memoryMB, vm.host_id);
        db.prepare('UPDATE hosts SET memory_available_mb = MAX(0, memory_available_mb - ?) WHERE id = ?').run(move.memoryMB, dest);
      }
      db.prepare('UPDATE vms SET host_id = ?, configuration_path = ? WHERE id = ?').run(dest, move.configurationPath, vm.id);
      if (move.highlyAvailable !== undefined) db.prepare('UPDATE vms SET highly_available = ? WHERE id = ?').run(move.highlyAvailable ? 1 : 0, vm.id);
      const setDisk = db.prepare('UPDATE vm_disks SET path = ? WHERE vm_id = ? AND position = ?');
      move.disks.forEach((path, i) => setDisk.run(path, vm.id, i));
      if (move.addDefaultLocation) {
        const known = db.prepare('SELECT 1 FROM host_storage_locations WHERE host_id = ? AND path = ? COLLATE NOCASE').get(dest, move.addDefaultLocation);
        if (!known) {
          db.prepare(
            'INSERT INTO host_storage_locations (host_id, position, path) VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM host_storage_locations WHERE host_id = ?), ?)',
          ).run(dest, dest, move.addDefaultLocation);
        }
      }
      db.prepare('UPDATE inventory_meta SET revision = revision + 1 WHERE id = 1').run();
      return db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number;
    })
    .immediate();
}

/**
 * Records hosts' new live-migration settings (Hyper-V Settings > OK) in one transaction with one
 * revision bump. Answers the new revision; throws, changing nothing, when a host is not in the
 * inventory (an import replaced the estate meanwhile).
 */
export function updateHostLiveMigration(db: Db, updates: readonly HostSettingsUpdate[]): number {
  return db
    .transaction((): number => {
      const update = db.prepare(`UPDATE hosts SET
      lm_enabled = ?, lm_max_live = ?, lm_max_storage = ?, lm_performance_option = ?, lm_authentication = ?,
      lm_use_any_network = ?, lm_networks = ?
      WHERE name = ? COLLATE NOCASE`);
      for (const { host, settings: lm } of updates) {
        const changed = update.run(
          bool(lm.enabled),
          lm.maxLive,
          lm.maxStorage,
          lm.performanceOption,
          lm.authentication,
          bool(lm.useAnyNetwork),
          JSON.stringify(lm.networks),
          host,
        ).changes;
        if (changed !== 1) throw new Error(`the inventory no longer has host ${host}`);
      }
      db.prepare('UPDATE inventory_meta SET revision = revision + 1 WHERE id = 1').run();
      return db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number;
    })
    .immediate();
}

/** Puts a host in or out of maintenance mode and answers the new revision, or null when no host has that name. */
export function updateHostMaintenance(db: Db, hostName: string, on: boolean): number | null {
  return db
    .transaction((): number | null => {
      const changed = db.prepare('UPDATE hosts SET maintenance_mode = ? WHERE name = ? COLLATE NOCASE').run(bool(on), hostName).changes;
      if (changed === 0) return null;
      db.prepare('UPDATE inventory_meta SET revision = revision + 1 WHERE id = 1').run();
      return db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number;
    })
    .immediate();
}

/** The inventory's revision now (another process may have changed it). */
export function inventoryRevision(db: Db): number {
  return (db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

/**
 * Records a VM's placement rules (VM Properties) and answers the new revision; throws, changing nothing,
 * when the inventory no longer has the VM.
 */
export function updateVmPlacement(db: Db, vm: Pick<Vm, 'name' | 'possibleOwners' | 'preferredOwners' | 'availabilitySets'>): number {
  return db
    .transaction((): number => {
      const changed = db
        .prepare('UPDATE vms SET possible_owners = ?, preferred_owners = ?, availability_sets = ? WHERE name = ? COLLATE NOCASE')
        .run(jsonOrAbsent(vm.possibleOwners), jsonOrAbsent(vm.preferredOwners), jsonOrAbsent(vm.availabilitySets), vm.name).changes;
      if (changed !== 1) throw new Error(`the inventory no longer has VM ${vm.name}`);
      db.prepare('UPDATE inventory_meta SET revision = revision + 1 WHERE id = 1').run();
      return db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number;
    })
    .immediate();
}

/** Replaces the estate's affinity rules as a whole (an add, edit or removal) and answers the new revision. */
export function replaceAffinityRules(db: Db, rules: readonly AffinityRule[]): number {
  return db
    .transaction((): number => {
      db.exec('DELETE FROM affinity_rule_vms; DELETE FROM affinity_rules;');
      const ids = new Map((db.prepare('SELECT id, name FROM vms').all() as { id: number; name: string }[]).map((r) => [r.name.toLowerCase(), r.id]));
      insertAffinityRules(db, rules, ids);
      db.prepare('UPDATE inventory_meta SET revision = revision + 1 WHERE id = 1').run();
      return db.prepare('SELECT revision FROM inventory_meta WHERE id = 1').pluck().get() as number;
    })
    .immediate();
}
