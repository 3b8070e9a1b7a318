import type Database from 'better-sqlite3';
import { nameKey } from '../../domain/storage-paths/names.js';

/**
 * Numbered schema migrations. Migration N brings `user_version` from N-1 to N; each runs in one
 * transaction with its version bump, so a database is never left half-migrated. Append only.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the inventory, settings and jobs.
  `
  CREATE TABLE inventory_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    origin TEXT NOT NULL,
    source TEXT,
    exported_at TEXT,
    imported_at TEXT NOT NULL,
    revision INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE host_groups (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE COLLATE NOCASE
  ) STRICT;

  CREATE TABLE file_shares (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE COLLATE NOCASE,
    smb_version TEXT NOT NULL,
    capacity_gb REAL NOT NULL,
    free_gb REAL NOT NULL
  ) STRICT;

  CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    host_group_id INTEGER NOT NULL REFERENCES host_groups(id),
    functional_level INTEGER NOT NULL,
    max_parallel_migrations INTEGER
  ) STRICT;

  CREATE TABLE cluster_shared_volumes (
    id INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    capacity_gb REAL NOT NULL,
    free_gb REAL NOT NULL
  ) STRICT;

  CREATE TABLE hosts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    fqdn TEXT NOT NULL,
    host_group_id INTEGER NOT NULL REFERENCES host_groups(id),
    cluster_id INTEGER REFERENCES clusters(id),
    os TEXT NOT NULL,
    supported_config_versions TEXT,
    state TEXT NOT NULL,
    maintenance_mode INTEGER NOT NULL,
    cpu_vendor TEXT NOT NULL,
    cpu_generation TEXT NOT NULL,
    cpu_logical_processors INTEGER NOT NULL,
    cpu_usage_percent REAL NOT NULL,
    memory_total_mb REAL NOT NULL,
    memory_available_mb REAL NOT NULL,
    memory_reserve_mb REAL NOT NULL,
    lm_enabled INTEGER NOT NULL,
    lm_max_live INTEGER NOT NULL,
    lm_max_storage INTEGER NOT NULL,
    lm_performance_option TEXT NOT NULL,
    lm_authentication TEXT NOT NULL,
    lm_use_any_network INTEGER NOT NULL,
    lm_networks TEXT NOT NULL,
    net_gbps REAL NOT NULL,
    net_rdma INTEGER NOT NULL,
    net_nics INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX hosts_cluster ON hosts(cluster_id);

  CREATE TABLE host_file_shares (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    share_id INTEGER NOT NULL REFERENCES file_shares(id),
    PRIMARY KEY (host_id, share_id)
  ) STRICT;

  CREATE TABLE host_volumes (
    id INTEGER PRIMARY KEY,
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    capacity_gb REAL NOT NULL,
    free_gb REAL NOT NULL
  ) STRICT;
  CREATE INDEX host_volumes_host ON host_volumes(host_id);

  CREATE TABLE host_storage_locations (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (host_id, position)
  ) STRICT;

  CREATE TABLE vms (
    id INTEGER PRIMARY KEY,
    vm_id TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    host_id INTEGER NOT NULL REFERENCES hosts(id),
    state TEXT NOT NULL,
    highly_available INTEGER NOT NULL,
    memory_mb REAL NOT NULL,
    cpu_count INTEGER NOT NULL,
    config_version TEXT NOT NULL,
    generation INTEGER NOT NULL,
    processor_compatibility INTEGER NOT NULL,
    compatibility_vector INTEGER,
    configuration_path TEXT NOT NULL,
    dirty_rate_mbps REAL
  ) STRICT;
  CREATE INDEX vms_host ON vms(host_id);

  CREATE TABLE vm_disks (
    id INTEGER PRIMARY KEY,
    vm_id INTEGER NOT NULL REFERENCES vms(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    size_gb REAL NOT NULL,
    shared INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX vm_disks_vm ON vm_disks(vm_id);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    progress REAL NOT NULL,
    owner TEXT NOT NULL,
    target TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    steps TEXT NOT NULL,
    error TEXT,
    summary TEXT
  ) STRICT;
  `,
  // 2: moves as scheduled jobs: the request, what a queued job waits for, measured numbers, and
  // which process runs it (so a restart can tell a dead runner's job from a live one's).
  `
  ALTER TABLE jobs ADD COLUMN request TEXT;
  ALTER TABLE jobs ADD COLUMN waiting_for TEXT;
  ALTER TABLE jobs ADD COLUMN metrics TEXT;
  ALTER TABLE jobs ADD COLUMN runner TEXT;
  ALTER TABLE jobs ADD COLUMN restart_of TEXT;
  ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX jobs_status ON jobs(status);

  CREATE TABLE runners (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL
  ) STRICT;
  `,
  // 3: how each host group is reached (simulator or Hyper-V; local PowerShell or WinRM over HTTPS).
  // Keyed by the group's path, not host_groups.id, so the settings outlive an import. The password
  // is only ever the ciphertext the desktop app's secret store produced (Electron safeStorage).
  `
  CREATE TABLE connection_settings (
    host_group TEXT PRIMARY KEY COLLATE NOCASE,
    connector TEXT NOT NULL CHECK (connector IN ('simulator', 'hyperv')),
    mode TEXT NOT NULL CHECK (mode IN ('local', 'winrm-https')),
    identity TEXT NOT NULL CHECK (identity IN ('current', 'credentials')),
    user_name TEXT,
    password_cipher BLOB,
    updated_at TEXT NOT NULL
  ) STRICT;
  `,
  // 4: job groups: a plan run as many moves (every move a job of the group), an evacuation for
  // maintenance, and the restore that moves an aborted group's VMs back. Plans saved to compare.
  `
  CREATE TABLE job_groups (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'maintenance', 'restore')),
    name TEXT NOT NULL,
    target TEXT NOT NULL,
    created_at TEXT NOT NULL,
    aborted_at TEXT,
    restore_of TEXT,
    plan TEXT NOT NULL
  ) STRICT;
  ALTER TABLE jobs ADD COLUMN group_id TEXT;
  CREATE INDEX jobs_group ON jobs(group_id);

  CREATE TABLE saved_plans (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    plan TEXT NOT NULL
  ) STRICT;
  `,
  // 5: one move per VM (migration-rules.md section 4, vm-busy). A job that acts on a VM (migrate,
  // storage move, start, save) holds it by name key while it is queued or running; the partial unique
  // index lets the database decide a race between processes. Older rows are backfilled; where an older
  // Ferry had let two active jobs take one VM, the later ones keep running but hold nothing.
  `
  ALTER TABLE jobs ADD COLUMN vm_hold TEXT;
  UPDATE jobs SET vm_hold = name_key(target) WHERE kind IN ('migrate-vm', 'migrate-storage', 'start-vm', 'save-vm');
  UPDATE jobs SET vm_hold = NULL
    WHERE vm_hold IS NOT NULL AND status IN ('Queued', 'Running')
      AND EXISTS (SELECT 1 FROM jobs AS j WHERE j.vm_hold = jobs.vm_hold AND j.status IN ('Queued', 'Running') AND j.seq < jobs.seq);
  CREATE UNIQUE INDEX jobs_one_per_vm ON jobs(vm_hold) WHERE status IN ('Queued', 'Running');
  `,
  // 6: a job's name, result and wait reason as catalogue sentences (JSON of
  // shared/i18n's Text), so the console words them in the admin's language; the English columns stay.
  `
  ALTER TABLE jobs ADD COLUMN name_text TEXT;
  ALTER TABLE jobs ADD COLUMN summary_text TEXT;
  ALTER TABLE jobs ADD COLUMN waiting_for_text TEXT;
  `,
  // 7: placement rules (migration-rules.md section 8). A VM's owner lists and availability sets as JSON
  // arrays of names (NULL: the file did not give the field; 'null' possible owners: every node, as given);
  // affinity rules with their VMs in order.
  `
  ALTER TABLE vms ADD COLUMN possible_owners TEXT;
  ALTER TABLE vms ADD COLUMN preferred_owners TEXT;
  ALTER TABLE vms ADD COLUMN availability_sets TEXT;

  CREATE TABLE affinity_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    type TEXT NOT NULL CHECK (type IN ('SameNode', 'DifferentNode')),
    required INTEGER NOT NULL CHECK (required IN (0, 1))
  ) STRICT;

  CREATE TABLE affinity_rule_vms (
    rule_id INTEGER NOT NULL REFERENCES affinity_rules(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    vm_id INTEGER NOT NULL REFERENCES vms(id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, position)
  ) STRICT;
  CREATE INDEX affinity_rule_vms_vm ON affinity_rule_vms(vm_id);
  `,
];

/** Runs every migration the database has not had yet, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The database schema is version ${current}, newer than this Ferry knows (${MIGRATIONS.length}). Use a newer Ferry or another --db file.`);
  }
  // Names compared as Windows compares them, the way the services key them (nameKey), for backfills.
  db.function('name_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? nameKey(name) : null));
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
