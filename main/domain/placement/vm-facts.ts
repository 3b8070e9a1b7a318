import type { Cluster, FileShare, Host, Vm, VmDisk } from '../../../shared/model/inventory.js';
import { nameKey } from '../storage-paths/names.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import { clusterOf, locateStorage, shareOf, targetText } from '../storage-paths/storage-index.js';
import { isRunningForMigration, sharedDisks, vmDiskGB, vmFilePaths } from '../storage-paths/vm-storage.js';
import { isUnderKey, pathKey, uncShareRoot, windowsPathKind } from '../storage-paths/windows-path.js';
import type { PlacementIndex } from './placement-index.js';

/** What Select Host needs to know about a VM and its source host, worked out once per VM (not per host). */
export interface VmFacts {
  vm: Vm;
  source: Host;
  sourceCluster: Cluster | null;
  /** Running or Paused (see `isRunningForMigration`). */
  running: boolean;
  /** GB a move of all its files copies (sum of disk sizes). */
  diskGB: number;
  sharedDisks: VmDisk[];
  /** The known share holding every file of the VM (configuration and disks), whatever its version; else null. */
  oneShare: FileShare | null;
  /** Every file is on the source cluster's storage: one of its CSVs, or an SMB 3 share every node reaches. */
  onClusterStorage: boolean;
  /** The known shares any file lies on, and UNC roots of shares the inventory does not list. */
  sharesUsed: FileShare[];
  unknownShares: string[];
  /** Where the files are, for sentences ("volume D:\", "cluster shared volume C:\ClusterStorage\Volume1"). */
  storageText: Text;
}

/** Works out a VM's facts; null when its host is not in the inventory. */
export function vmFacts(vm: Vm, index: PlacementIndex): VmFacts | null {
  const source = index.storage.hosts.get(nameKey(vm.host));
  if (!source) return null;
  const sourceCluster = clusterOf(source, index.storage);
  const files = vmFilePaths(vm);
  const keys = files.map(pathKey);

  const sharesUsed: FileShare[] = [];
  const unknownShares: string[] = [];
  const places: Text[] = [];
  const placeKeys = new Set<string>();
  for (const file of files) {
    const target = locateStorage(source, file, index.storage);
    const unc = windowsPathKind(file) === 'unc';
    // Files on one volume or share make one place (keyed by what its sentence names, without rendering it).
    const placeKey = target ? `${target.kind}:${target.root}` : unc ? `share:${uncShareRoot(file) ?? file}` : `path:${file}`;
    if (!placeKeys.has(placeKey)) {
      placeKeys.add(placeKey);
      places.push(
        target ? targetText(target) : unc ? text('storage.place.share', { root: uncShareRoot(file) ?? file }) : text('storage.place.unlisted', { path: file }),
      );
    }
    if (windowsPathKind(file) !== 'unc') continue;
    const share = shareOf(file, index.storage);
    if (share && !sharesUsed.includes(share)) sharesUsed.push(share);
    const root = uncShareRoot(file);
    if (!share && root && !unknownShares.includes(root)) unknownShares.push(root);
  }

  const first = shareOf(files[0], index.storage);
  const oneShare = first && keys.every((k) => isUnderKey(k, pathKey(first.path))) ? first : null;

  let onClusterStorage = false;
  if (sourceCluster) {
    const roots = [
      ...sourceCluster.sharedVolumes.map((v) => pathKey(v.path)),
      ...(index.clusterShares.get(nameKey(sourceCluster.name)) ?? []).map((s) => pathKey(s.path)),
    ];
    onClusterStorage = keys.every((k) => roots.some((r) => isUnderKey(k, r)));
  }

  const storageText: Text = places.length === 1 ? places[0] : text('list', { items: { list: places } });
  return {
    vm,
    source,
    sourceCluster,
    running: isRunningForMigration(vm),
    diskGB: vmDiskGB(vm),
    sharedDisks: sharedDisks(vm),
    oneShare,
    onClusterStorage,
    sharesUsed,
    unknownShares,
    storageText,
  };
}
