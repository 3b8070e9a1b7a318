import { useCallback } from 'react';
import type { Cluster } from '../../../shared/model/inventory.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

/** Whether `path` is `root` or lies under it, as Windows compares paths (case-insensitive, at a backslash). */
function isUnder(path: string, root: string): boolean {
  const p = path.toLowerCase().replace(/\\+$/, '');
  const r = root.toLowerCase().replace(/\\+$/, '');
  return p === r || p.startsWith(`${r}\\`);
}

/**
 * A path as the wizards show it: `C:\ClusterStorage\Volume1 (CL-MI-01)` when it lies on a shared volume of
 * `cluster` (C:\ClusterStorage\Volume1 exists on every cluster, so the name says which), else the path itself.
 */
export function csvLabel({ t }: Pick<Translator, 't'>, path: string, cluster: Cluster | null | undefined): string {
  if (!cluster || !cluster.sharedVolumes.some((v) => isUnder(path, v.path))) return path;
  return t('storage.onCluster', { path, cluster: cluster.name });
}

/** `csvLabel` for paths seen from a host: the shared volumes of its cluster get the cluster's name. */
export function useCsvLabel(hostName: string | null | undefined): (path: string) => string {
  const translator = useT();
  const cluster = useAppStore((s) => {
    const host = hostName ? s.index?.hostByName.get(hostName.toLowerCase()) : undefined;
    return host?.cluster ? (s.index?.clusterByName.get(host.cluster.toLowerCase()) ?? null) : null;
  });
  return useCallback((path: string) => csvLabel(translator, path, cluster), [translator, cluster]);
}
