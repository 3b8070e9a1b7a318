import { ArrowRepeatAll20Regular, DismissCircle20Regular } from '@fluentui/react-icons';
import { ContextMenu, type MenuAnchor } from '../../components/ContextMenu.js';
import { useT } from '../../i18n/use-translator.js';
import { jobName } from './job-words.js';
import { useJobActions } from './use-job-actions.js';

/** The jobs list's context menu (right-click, Shift+F10, the context-menu key): Cancel and Restart the selected job. */
export function JobContextMenu({ anchor, onClose }: { anchor: MenuAnchor | null; onClose: () => void }) {
  const translator = useT();
  const { t } = translator;
  const actions = useJobActions();
  return (
    <ContextMenu
      anchor={actions.job ? anchor : null}
      label={t('jobs.menu.label', { name: actions.job ? jobName(actions.job, translator) : '' })}
      onClose={onClose}
      commands={[
        { key: 'cancel', icon: <DismissCircle20Regular />, label: t('jobs.cancel'), disabled: !actions.canCancel, run: actions.cancel },
        { key: 'restart', icon: <ArrowRepeatAll20Regular />, label: t('jobs.restart'), disabled: !actions.canRestart, run: actions.restart },
      ]}
    />
  );
}
