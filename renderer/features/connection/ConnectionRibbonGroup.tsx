import { ArrowSync24Regular, PlugConnectedSettings24Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { RibbonButton } from '../ribbon/RibbonButton.js';
import { RibbonGroup } from '../ribbon/RibbonGroup.js';
import { hostGroupOfNode } from './connection-group.js';

/**
 * The Host tab's Connection group (the dialog itself is mounted with the app's other dialogs): Connection Settings… for the selected node's host group, and
 * Refresh from Hyper-V, which reads that group's hosts into the inventory.
 */
export function ConnectionRibbonGroup() {
  const { t, spoken } = useT();
  const group = useAppStore((s) => hostGroupOfNode(s.index?.tree.nodesById.get(s.selectedNodeId) ?? null));
  const open = useAppStore((s) => s.openConnectionSettings);
  const refresh = useAppStore((s) => s.inventoryRefresh);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const [refreshing, setRefreshing] = useState(false);
  const title = group === null ? t('conn.ribbon.noGroup') : undefined;

  const onRefresh = async (): Promise<void> => {
    if (group === null) return;
    setRefreshing(true);
    const r = await refresh(group);
    setRefreshing(false);
    if (!r.ok) {
      pushNotice({ intent: 'error', key: 'conn.refreshFailed', params: { group, message: spoken(r.error) } });
    } else if (r.value.unreachable.length > 0) {
      pushNotice({
        intent: 'warning',
        key: 'conn.refreshedUnreachable',
        params: { group: r.value.hostGroup, hosts: r.value.hosts, vms: r.value.vms, unreachable: r.value.unreachable.map((u) => u.host).join(', ') },
      });
    } else {
      pushNotice({ intent: 'success', key: 'conn.refreshed', params: { group: r.value.hostGroup, hosts: r.value.hosts, vms: r.value.vms } });
    }
  };

  return (
    <RibbonGroup label={t('conn.ribbon.group')}>
      <RibbonButton
        icon={<PlugConnectedSettings24Regular />}
        label={t('conn.ribbon.settings')}
        title={title}
        disabled={group === null}
        onClick={() => group !== null && void open(group)}
      />
      <RibbonButton
        icon={<ArrowSync24Regular />}
        label={t('conn.ribbon.refresh')}
        title={title}
        disabled={group === null || refreshing}
        onClick={() => void onRefresh()}
      />
    </RibbonGroup>
  );
}
