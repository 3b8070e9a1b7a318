import { ArrowUndo20Regular, DismissCircle20Regular } from '@fluentui/react-icons';
import { ContextMenu, type MenuAnchor } from '../../components/ContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { useGroupActions } from './use-group-actions.js';

/** A job group's context menu (right-click, Shift+F10, the context-menu key): Abort… and Abort and restore… (or Move the VMs back…). */
export function GroupContextMenu({ anchor, onClose }: { anchor: MenuAnchor | null; onClose: () => void }) {
  const { t } = useT();
  const actions = useGroupActions();
  return (
    <ContextMenu
      anchor={actions.group ? anchor : null}
      label={t('groups.menu.label', { name: actions.group?.name ?? '' })}
      onClose={onClose}
      commands={[
        { key: 'abort', icon: <DismissCircle20Regular />, label: t('groups.abort'), disabled: !actions.canAbort, run: actions.abort },
        {
          key: 'restore',
          icon: <ArrowUndo20Regular />,
          label: actions.running || !actions.group ? t('groups.abortRestore') : t('groups.moveBack'),
          disabled: !actions.canRestore,
          run: actions.restore,
        },
      ]}
    />
  );
}
