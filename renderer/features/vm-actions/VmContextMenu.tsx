import { DesktopArrowRight20Regular, HardDrive20Regular, Play20Regular } from '@fluentui/react-icons';
import { ContextMenu, type MenuAnchor } from '../../components/ContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { useVmActions } from './use-vm-actions.js';

/** The VM list's context menu (right-click, Shift+F10, the context-menu key): Migrate Virtual Machine, Migrate Storage, Start. */
export function VmContextMenu({ anchor, onClose }: { anchor: MenuAnchor | null; onClose: () => void }) {
  const { t } = useT();
  const actions = useVmActions();
  return (
    <ContextMenu
      anchor={actions.vm ? anchor : null}
      label={t('vmMenu.label', { vm: actions.vm?.name ?? '' })}
      onClose={onClose}
      commands={[
        { key: 'migrateVm', icon: <DesktopArrowRight20Regular />, label: t('ribbon.action.migrateVm'), disabled: !actions.canMigrate, run: actions.migrateVm },
        { key: 'migrateStorage', icon: <HardDrive20Regular />, label: t('ribbon.action.migrateStorage'), disabled: !actions.canMigrate, run: actions.migrateStorage },
        { key: 'start', icon: <Play20Regular />, label: t('ribbon.action.start'), disabled: !actions.canStart, run: actions.start },
      ]}
    />
  );
}
