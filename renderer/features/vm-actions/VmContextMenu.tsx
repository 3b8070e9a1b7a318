import { ArrowSplit20Regular, DesktopArrowRight20Regular, HardDrive20Regular, Play20Regular, Settings20Regular } from '@fluentui/react-icons';
import { ContextMenu, type MenuAnchor } from '../../components/ContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { useVmActions } from './use-vm-actions.js';

/** The VM list's context menu (right-click, Shift+F10, the context-menu key): Migrate Virtual Machine (of every selected VM), Migrate Storage, Start, Properties, and Keep apart… for several VMs. */
export function VmContextMenu({ anchor, onClose }: { anchor: MenuAnchor | null; onClose: () => void }) {
  const { t, tn } = useT();
  const actions = useVmActions();
  const many = actions.vm === null && actions.selectionCount > 1;
  return (
    <ContextMenu
      anchor={actions.vm || many ? anchor : null}
      label={t('vmMenu.label', { vm: many ? tn('vmList.count', actions.selectionCount) : (actions.vm?.name ?? '') })}
      onClose={onClose}
      commands={[
        { key: 'migrateVm', icon: <DesktopArrowRight20Regular />, label: t('ribbon.action.migrateVm'), disabled: !actions.canMigrate, run: actions.migrateVm },
        {
          key: 'migrateStorage',
          icon: <HardDrive20Regular />,
          label: t('ribbon.action.migrateStorage'),
          disabled: !actions.canMigrateStorage,
          run: actions.migrateStorage,
        },
        { key: 'start', icon: <Play20Regular />, label: t('ribbon.action.start'), disabled: !actions.canStart, run: actions.start },
        {
          key: 'properties',
          icon: <Settings20Regular />,
          label: t('ribbon.action.properties'),
          disabled: !actions.canOpenProperties,
          run: actions.openProperties,
        },
        ...(many
          ? [{ key: 'keepApart', icon: <ArrowSplit20Regular />, label: t('vmMenu.keepApart'), disabled: !actions.canKeepApart, run: actions.keepApart }]
          : []),
      ]}
    />
  );
}
