import type { Host, InventoryDocument } from '../../../shared/model/inventory.js';
import type { PathCheck, PathCheckCode } from '../../../shared/model/placement.js';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { assertNever } from '../../../shared/model/result.js';
import { formatGB } from './amounts.js';
import { nameKey } from './names.js';
import { isSmb3OrLater } from './dotted-version.js';
import {
  clusterOf,
  describeTarget,
  hostReachesShare,
  locateStorage,
  shareOf,
  smb3SharesOf,
  toStorageIndex,
  type StorageIndex,
} from './storage-index.js';
import { pathKey, uncServer, uncShareRoot, windowsPathKind } from './windows-path.js';

/** The example migration-rules.md section 3 gives of an SMB path that names its server by FQDN. */
export type { StorageLocation } from '../../../shared/model/storage.js';

export const SMB_FQDN_EXAMPLE = '\\\\fileserver1.contoso.com\\smbshare';

const refuse = (code: PathCheckCode, message: string): PathCheck => ({ valid: false, code, message });
const accept = (message: string): PathCheck => ({ valid: true, code: null, message });

/** Finds a host by name (ignoring case) or takes the host given. */
export function resolveHost(host: string | Host, index: StorageIndex): Host | null {
  return typeof host === 'string' ? (index.hosts.get(nameKey(host)) ?? null) : host;
}

/**
 * Checks a destination path typed or picked for `host` (migration-rules.md section 3): it must be an absolute
 * drive path on one of the host's volumes or its cluster's CSVs, or a UNC path naming its server by FQDN.
 * A UNC path on a share the inventory lists must also be SMB 3.0 or later and reached by the host; a share the
 * inventory does not list is accepted, with a note that its space cannot be checked.
 */
export function checkStoragePath(host: string | Host, path: string, inventory: InventoryDocument | StorageIndex): PathCheck {
  const index = toStorageIndex(inventory);
  const target = resolveHost(host, index);
  if (!target) return refuse('host-not-found', `Host "${String(host)}" is not in the inventory: refresh the inventory or pick another host.`);
  const kind = windowsPathKind(path);
  switch (kind) {
    case 'invalid':
      return refuse(
        'path-invalid',
        `"${path}" is not a valid absolute path: type a drive path such as D:\\VMs or a UNC path such as ${SMB_FQDN_EXAMPLE} (backslashes, no . or .. folders, none of < > : " | ? *).`,
      );
    case 'unc':
      return checkUncPath(target, path, index);
    case 'drive':
      return checkDrivePath(target, path, index);
    default:
      return assertNever(kind);
  }
}

function checkUncPath(host: Host, path: string, index: StorageIndex): PathCheck {
  const server = uncServer(path) ?? '';
  if (!server.includes('.')) {
    return refuse(
      'smb-path-not-fqdn',
      `Name the file server of "${path}" by its fully qualified domain name, for example ${SMB_FQDN_EXAMPLE}, not \\\\fileserver1\\smbshare.`,
    );
  }
  const share = shareOf(path, index);
  if (!share) {
    return accept(
      `${path} is on share ${uncShareRoot(path) ?? path}, which the inventory does not list: Ferry cannot check its free space. ` +
        `Make sure it is SMB 3.0 or later and that ${host.name} has full control of it.`,
    );
  }
  if (!isSmb3OrLater(share.smbVersion)) {
    return refuse(
      'smb-version-unsupported',
      `${share.path} speaks SMB ${share.smbVersion}; Hyper-V runs VMs only from SMB 3.0 or later shares: pick a volume of ${host.name} or an SMB 3 share.`,
    );
  }
  if (!hostReachesShare(host, share, index)) {
    return refuse(
      'share-unreachable',
      `${host.name} does not reach ${share.path}: give the host's computer account full control of the share and add it to the host's file shares, or pick another location.`,
    );
  }
  return accept(`${path} is on SMB ${share.smbVersion} share ${share.path}: ${formatGB(share.freeGB)} free of ${formatGB(share.capacityGB)}.`);
}

function checkDrivePath(host: Host, path: string, index: StorageIndex): PathCheck {
  const target = locateStorage(host, path, index);
  if (!target) {
    const known = [...host.volumes.map((v) => v.path), ...(clusterOf(host, index)?.sharedVolumes ?? []).map((v) => v.path)];
    const list = known.length > 0 ? known.join(', ') : 'none known';
    return refuse(
      'path-volume-unknown',
      `${path} is not on a volume of ${host.name}: pick a path on one of its volumes or cluster shared volumes (${list}), or refresh the host if a volume was added.`,
    );
  }
  return accept(`${path} is on ${describeTarget(target)} of ${host.name}: ${formatGB(target.freeGB)} free of ${formatGB(target.capacityGB)}.`);
}

/**
 * The locations Browse offers for `host`: its default storage locations first, then its volumes and its
 * cluster's CSVs, then the SMB 3.0 (or later) shares it reaches; each once, with free space when known.
 */
export function storageLocationsFor(host: string | Host, inventory: InventoryDocument | StorageIndex): StorageLocation[] {
  const index = toStorageIndex(inventory);
  const target = resolveHost(host, index);
  if (!target) return [];
  const seen = new Set<string>();
  const out: StorageLocation[] = [];
  const add = (location: StorageLocation): void => {
    const key = pathKey(location.path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(location);
  };
  for (const path of target.defaultStorageLocations) {
    const where = locateStorage(target, path, index);
    add({ path, kind: 'default', freeGB: where?.freeGB ?? null, capacityGB: where?.capacityGB ?? null });
  }
  for (const v of target.volumes) add({ path: v.path, kind: 'volume', freeGB: v.freeGB, capacityGB: v.capacityGB });
  for (const v of clusterOf(target, index)?.sharedVolumes ?? []) add({ path: v.path, kind: 'csv', freeGB: v.freeGB, capacityGB: v.capacityGB });
  for (const s of smb3SharesOf(target, index)) add({ path: s.path, kind: 'share', freeGB: s.freeGB, capacityGB: s.capacityGB });
  return out;
}
