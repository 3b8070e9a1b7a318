import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ErrorDto } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, border: 'none' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** What the dialog knows of the VMs the evacuation saved: being read, read (all ticked at first), or not readable. */
type SavedState = { kind: 'loading' } | { kind: 'loaded'; vms: string[] } | { kind: 'failed'; error: ErrorDto };

/**
 * Stop Maintenance Mode on a host: says what happens, and offers to start the VMs its evacuation saved (a tick
 * each, all ticked at first; each ticked one gets a Start job). Confirming runs the Stop Maintenance Mode job.
 */
export function MaintenanceStopDialog() {
  const host = useAppStore((s) => s.maintenanceStopHost);
  return host ? <StopDialog key={host} host={host} /> : null;
}

function StopDialog({ host }: { host: string }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const close = useAppStore((s) => s.maintenanceStopClose);
  const loadSaved = useAppStore((s) => s.maintenanceSavedVms);
  const stop = useAppStore((s) => s.maintenanceStop);
  const [saved, setSaved] = useState<SavedState>({ kind: 'loading' });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ErrorDto | null>(null);

  useEffect(() => {
    let live = true;
    void loadSaved(host).then((result) => {
      if (!live) return;
      if (result.ok) {
        setSaved({ kind: 'loaded', vms: result.value.vms });
        setChosen(new Set(result.value.vms));
      } else {
        setSaved({ kind: 'failed', error: result.error });
      }
    });
    return () => {
      live = false;
    };
  }, [host, loadSaved]);

  const toggle = (vm: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(vm);
    else next.delete(vm);
    setChosen(next);
  };
  const run = async () => {
    setSubmitting(true);
    setError(null);
    const vms = saved.kind === 'loaded' ? saved.vms.filter((vm) => chosen.has(vm)) : [];
    const result = await stop(host, vms);
    setSubmitting(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && !submitting && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('maint.stop.title', { host })}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{t('maint.stop.intro', { host })}</Text>
            {saved.kind === 'loading' ? <Spinner size="tiny" labelPosition="after" label={t('maint.stop.loading')} /> : null}
            {saved.kind === 'failed' ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{t('maint.stop.loadFailed', { message: spoken(saved.error) })}</MessageBarBody>
              </MessageBar>
            ) : null}
            {saved.kind === 'loaded' && saved.vms.length === 0 ? <Text className={styles.muted}>{t('maint.stop.noneSaved', { host })}</Text> : null}
            {saved.kind === 'loaded' && saved.vms.length > 0 ? (
              <fieldset className={styles.list}>
                <legend>{t('maint.stop.savedIntro', { host })}</legend>
                {saved.vms.map((vm) => (
                  <Checkbox
                    key={vm}
                    label={t('maint.stop.startVm', { vm })}
                    checked={chosen.has(vm)}
                    onChange={(_e, data) => toggle(vm, data.checked === true)}
                  />
                ))}
              </fieldset>
            ) : null}
            {error ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{t('maint.stopFailed', { host, message: spoken(error) })}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={submitting || saved.kind === 'loading'} onClick={() => void run()}>
              {submitting ? <Spinner size="tiny" label={t('maint.stop.confirm')} labelPosition="after" /> : t('maint.stop.confirm')}
            </Button>
            <Button disabled={submitting} onClick={close}>
              {t('maint.stop.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
