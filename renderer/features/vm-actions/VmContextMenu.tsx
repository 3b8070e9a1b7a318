import { Menu, MenuItem, MenuList, MenuPopover, type PositioningVirtualElement } from '@fluentui/react-components';
import { DesktopArrowRight20Regular, HardDrive20Regular, Play20Regular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useVmActions } from './use-vm-actions.js';

/** Where a context menu opens: the pointer, or the row the keyboard is on. */
export interface MenuAnchor {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The VM list's context menu (right-click, Shift+F10, the context-menu key): Migrate Virtual Machine, Migrate Storage, Start. */
export function VmContextMenu({ anchor, onClose }: { anchor: MenuAnchor | null; onClose: () => void }) {
  const { t } = useT();
  const actions = useVmActions();
  const target = useMemo<PositioningVirtualElement | undefined>(
    () => (anchor ? { getBoundingClientRect: () => new DOMRect(anchor.x, anchor.y, anchor.width, anchor.height) } : undefined),
    [anchor],
  );
  const run = (action: () => void) => () => {
    onClose();
    action();
  };
  return (
    <Menu open={anchor !== null && actions.vm !== null} onOpenChange={(_e, data) => !data.open && onClose()} positioning={{ target, position: 'below', align: 'start' }}>
      <MenuPopover>
        <MenuList aria-label={t('vmMenu.label', { vm: actions.vm?.name ?? '' })}>
          <MenuItem icon={<DesktopArrowRight20Regular />} disabled={!actions.canMigrate} onClick={run(actions.migrateVm)}>
            {t('ribbon.action.migrateVm')}
          </MenuItem>
          <MenuItem icon={<HardDrive20Regular />} disabled={!actions.canMigrate} onClick={run(actions.migrateStorage)}>
            {t('ribbon.action.migrateStorage')}
          </MenuItem>
          <MenuItem icon={<Play20Regular />} disabled={!actions.canStart} onClick={run(actions.start)}>
            {t('ribbon.action.start')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
