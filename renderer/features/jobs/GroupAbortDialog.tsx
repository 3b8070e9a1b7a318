import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useRef } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { useGroupActions } from './use-group-actions.js';

/**
 * Confirms Abort, Abort and restore, or (once a group has ended) moving its VMs back, saying what will
 * happen before anything does. Confirming closes the dialog; the group's details show the abort in flight.
 * The dialog stays mounted and closes through `open`, so its focus trap lets go of the console (unmounted
 * while open, it left the console marked aria-hidden behind it, and the next dialog too).
 */
export function GroupAbortDialog() {
  const { t } = useT();
  const asked = useAppStore((s) => s.groupConfirm);
  const close = useAppStore((s) => s.closeGroupConfirm);
  const abortGroup = useAppStore((s) => s.abortGroup);
  // While it closes, the dialog keeps showing what it asked.
  const last = useRef(asked);
  if (asked) last.current = asked;
  const confirm = asked ?? last.current;
  const actions = useGroupActions(confirm?.groupId ?? null);
  if (!confirm || !actions.group) return null;
  const name = actions.group.name;
  const moveBackOnly = confirm.restore && !actions.running;
  const title = moveBackOnly
    ? t('groups.confirm.moveBackTitle', { name })
    : confirm.restore
      ? t('groups.confirm.restoreTitle', { name })
      : t('groups.confirm.abortTitle', { name });
  const body = moveBackOnly ? t('groups.confirm.moveBackBody') : confirm.restore ? t('groups.confirm.restoreBody') : t('groups.confirm.abortBody');
  const action = moveBackOnly ? t('groups.confirm.moveBack') : confirm.restore ? t('groups.confirm.abortRestore') : t('groups.confirm.abort');
  const allowed = confirm.restore ? actions.canRestore : actions.canAbort;
  const run = () => {
    close();
    void abortGroup(confirm.groupId, confirm.restore);
  };
  return (
    <Dialog open={asked !== null} modalType="alert" onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{body}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={run} disabled={!allowed}>
              {action}
            </Button>
            <Button onClick={close}>{moveBackOnly ? t('groups.confirm.cancel') : t('groups.confirm.keep')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
