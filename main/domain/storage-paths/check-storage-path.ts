import type { Host, InventoryDocument } from '../../../shared/model/inventory.js';
import type { PathCheck, PathCheckCode } from '../../../shared/model/placement.js';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { assertNever } from '../../../shared/model/result.js';
import { said, text, type Text } from '../../../shared/i18n/text.js';
import { nameKey } from './names.js';
import { isSmb3OrLater } from './dotted-version.js';
import { clusterOf, hostReachesShare, locateStorage, shareOf, smb3SharesOf, targetText, toStorageIndex, type StorageIndex } from './storage-index.js';
import { pathKey, uncServer, uncShareRoot, windowsPathKind } from './windows-path.js';

/** The example migration-rules.md section 3 gives of an SMB path that names its server by FQDN. */
export type { StorageLocation } from '../../../shared/model/storage.js';

export const SMB_FQDN_EXAMPLE = '\\\\fileserver1.contoso.com\\smbshare';

const refuse = (code: PathCheckCode, sentence: Text): PathCheck => ({ valid: false, code, ...said(sentence) });
const accept = (sentence: Text): PathCheck => ({ valid: true, code: null, ...said(sentence) });

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
  if (!target) return refuse('host-not-found', text('path.host-not-found', { host: String(host) }));
  const kind = windowsPathKind(path);
  switch (kind) {
    case 'invalid':
      return refuse('path-invalid', text('path.path-invalid', { path, example: SMB_FQDN_EXAMPLE }));
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
    return refuse('smb-path-not-fqdn', text('path.smb-path-not-fqdn', { path, example: SMB_FQDN_EXAMPLE }));
  }
  const share = shareOf(path, index);
  if (!share) {
    return accept(text('path.unlistedShare', { path, share: uncShareRoot(path) ?? path, host: host.name }));
  }
  if (!isSmb3OrLater(share.smbVersion)) {
    return refuse('smb-version-unsupported', text('path.smb-version-unsupported', { share: share.path, version: share.smbVersion, host: host.name }));
  }
  if (!hostReachesShare(host, share, index)) {
    return refuse('share-unreachable', text('path.share-unreachable', { host: host.name, share: share.path }));
  }
  return accept(text('path.onShare', { path, version: share.smbVersion, share: share.path, free: { gb: share.freeGB }, capacity: { gb: share.capacityGB } }));
}

function checkDrivePath(host: Host, path: string, index: StorageIndex): PathCheck {
  const target = locateStorage(host, path, index);
  if (!target) {
    const known = [...host.volumes.map((v) => v.path), ...(clusterOf(host, index)?.sharedVolumes ?? []).map((v) => v.path)];
    return refuse(
      'path-volume-unknown',
      known.length > 0
        ? text('path.path-volume-unknown', { path, host: host.name, volumes: known.join(', ') })
        : text('path.path-volume-unknown.none', { path, host: host.name }),
    );
  }
  return accept(text('path.onTarget', { path, target: targetText(target), host: host.name, free: { gb: target.freeGB }, capacity: { gb: target.capacityGB } }));
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
