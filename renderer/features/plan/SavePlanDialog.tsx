import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

/** Save Plan…: names the plan on screen (planned again with its what-ifs) and saves it, to compare with later. */
export function SavePlanDialog({ open, defaultName, onClose }: { open: boolean; defaultName: string; onClose: () => void }) {
  const { t, spoken } = useT();
  const save = useAppStore((s) => s.planSave);
  const [name, setName] = useState(defaultName);
  const [openedWith, setOpenedWith] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each opening starts from the suggested name.
  if (open && openedWith !== defaultName) {
    setOpenedWith(defaultName);
    setName(defaultName);
    setError(null);
  }
  if (!open && openedWith !== null) setOpenedWith(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || busy) return;
    setBusy(true);
    const result = await save(name.trim());
    setBusy(false);
    if (result.ok) onClose();
    else setError(spoken(result.error));
  };
  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)}>
          <DialogBody>
            <DialogTitle>{t('plan.save.title')}</DialogTitle>
            <DialogContent>
              <Field label={t('plan.save.name')} required validationMessage={name.trim() === '' ? t('plan.save.nameRequired') : undefined}>
                <Input value={name} maxLength={200} onChange={(_e, data) => setName(data.value)} />
              </Field>
              {error ? (
                <MessageBar intent="error">
                  <MessageBarBody>{t('plan.save.failed', { message: error })}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy || name.trim() === ''}>
                {t('plan.save.ok')}
              </Button>
              <Button onClick={onClose}>{t('plan.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
