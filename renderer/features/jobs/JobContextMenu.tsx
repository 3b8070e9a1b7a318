import { Menu, MenuItem, MenuList, MenuPopover, type PositioningVirtualElement } from '@fluentui/react-components';
import { ArrowRepeatAll20Regular, DismissCircle20Regular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useT } from '../../i18n/use-translator.js';
import type { MenuAnchor } from '../vm-actions/VmContextMenu.js';
import { useJobActions } from './use-job-actions.js';

/** The jobs list's context menu (right-click, Shift+F10, the context-menu key): Cancel and Restart the selected job. */
export function JobContextMenu({ anchor, onClose }: { anchor: MenuAnchor | null; onClose: () => void }) {
  const { t } = useT();
  const actions = useJobActions();
  const target = useMemo<PositioningVirtualElement | undefined>(
    () => (anchor ? { getBoundingClientRect: () => new DOMRect(anchor.x, anchor.y, anchor.width, anchor.height) } : undefined),
    [anchor],
  );
  const run = (action: () => void) => () => {
    onClose();
    action();
  };
  return (
    <Menu open={anchor !== null && actions.job !== null} onOpenChange={(_e, data) => !data.open && onClose()} positioning={{ target, position: 'below', align: 'start' }}>
      <MenuPopover>
        <MenuList aria-label={t('jobs.menu.label', { name: actions.job?.name ?? '' })}>
          <MenuItem icon={<DismissCircle20Regular />} disabled={!actions.canCancel} onClick={run(actions.cancel)}>
            {t('jobs.cancel')}
          </MenuItem>
          <MenuItem icon={<ArrowRepeatAll20Regular />} disabled={!actions.canRestart} onClick={run(actions.restart)}>
            {t('jobs.restart')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
