import { WindowWrench20Regular } from '@fluentui/react-icons';
import { ContextMenu, type ContextMenuCommand, type MenuAnchor } from '../../components/ContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { useHostSettingsAction } from '../host-settings/use-host-settings-action.js';

/**
 * The host tree's context menu (right-click, Shift+F10, the context-menu key): Hyper-V Settings… on
 * a host, Hyper-V Settings for all hosts… on a host group, a cluster or All Hosts.
 */
export function HostTreeContextMenu({ nodeId, anchor, onClose }: { nodeId: string | null; anchor: MenuAnchor | null; onClose: () => void }) {
  const { t } = useT();
  const hostSettings = useHostSettingsAction(nodeId ?? undefined);
  const node = hostSettings.node;
  const commands: ContextMenuCommand[] = [
    {
      key: 'hyperVSettings',
      icon: <WindowWrench20Regular />,
      label: hostSettings.forAllHosts ? t('hvs.menu.group') : t('hvs.menu.host'),
      disabled: !hostSettings.canOpen,
      run: hostSettings.open,
    },
  ];
  const name = node?.kind === 'root' ? t('tree.allHosts') : (node?.name ?? '');
  return <ContextMenu anchor={node ? anchor : null} label={t('hvs.menu.label', { name })} onClose={onClose} commands={commands} />;
}
