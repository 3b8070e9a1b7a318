import {
  ArrowSplit20Regular,
  DataBarVertical20Regular,
  DesktopArrowRight20Regular,
  WindowWrench20Regular,
  Wrench20Regular,
  WrenchScrewdriver20Regular,
} from '@fluentui/react-icons';
import { ContextMenu, type ContextMenuCommand, type MenuAnchor } from '../../components/ContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { useHostSettingsAction } from '../host-settings/use-host-settings-action.js';
import { useMaintenanceActions } from '../maintenance/use-maintenance-actions.js';
import { useOptimizeAction } from '../optimize/use-optimize-action.js';
import { useMigrateHostVms } from './use-migrate-host-vms.js';

/**
 * The host tree's context menu (right-click, Shift+F10, the context-menu key): Hyper-V Settings… on
 * a host, Hyper-V Settings for all hosts… on a host group, a cluster or All Hosts; on a host also
 * Start Maintenance Mode… and Stop Maintenance Mode; on a host or a cluster, Migrate Virtual Machines…
 * (its running VMs); on a cluster, Affinity Rules… (its VMs' rules, to add, edit and remove); on a cluster, a
 * host group or All Hosts, Optimize Hosts….
 */
export function HostTreeContextMenu({ nodeId, anchor, onClose }: { nodeId: string | null; anchor: MenuAnchor | null; onClose: () => void }) {
  const { t } = useT();
  const hostSettings = useHostSettingsAction(nodeId ?? undefined);
  const maintenance = useMaintenanceActions(nodeId ?? undefined);
  const migrateVms = useMigrateHostVms(nodeId ?? undefined);
  const optimize = useOptimizeAction(nodeId ?? undefined);
  const node = hostSettings.node;
  const openAffinityRules = useAppStore((s) => s.openAffinityRules);
  const commands: ContextMenuCommand[] = [
    {
      key: 'hyperVSettings',
      icon: <WindowWrench20Regular />,
      label: hostSettings.forAllHosts ? t('hvs.menu.group') : t('hvs.menu.host'),
      disabled: !hostSettings.canOpen,
      run: hostSettings.open,
    },
  ];
  if (optimize.applies) {
    commands.push({ key: 'optimizeHosts', icon: <DataBarVertical20Regular />, label: t('optimize.menu'), disabled: !optimize.canOpen, run: optimize.open });
  }
  if (maintenance.host) {
    commands.push(
      { key: 'startMaintenance', icon: <WrenchScrewdriver20Regular />, label: t('maint.start'), disabled: !maintenance.canStart, run: maintenance.start },
      { key: 'stopMaintenance', icon: <Wrench20Regular />, label: t('ribbon.action.stopMaintenance'), disabled: !maintenance.canStop, run: maintenance.stop },
    );
  }
  if (migrateVms.applies) {
    // A host's or cluster's running VMs, selected and moved together (the Migrate VM Wizard for many VMs).
    commands.unshift({
      key: 'migrateVms',
      icon: <DesktopArrowRight20Regular />,
      label: t('hostMenu.migrateVms'),
      disabled: !migrateVms.canMigrate,
      run: migrateVms.migrate,
    });
  }
  if (node?.kind === 'cluster') {
    commands.push({ key: 'affinityRules', icon: <ArrowSplit20Regular />, label: t('rules.menu'), disabled: false, run: () => openAffinityRules(node.name) });
  }
  const name = node?.kind === 'root' ? t('tree.allHosts') : (node?.name ?? '');
  return <ContextMenu anchor={node ? anchor : null} label={t('hvs.menu.label', { name })} onClose={onClose} commands={commands} />;
}
