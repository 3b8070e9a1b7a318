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
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { SIMULATOR_SPEED } from '../../../shared/model/settings.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  surface: { maxWidth: '520px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  input: { width: '160px' },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
});

/** Reads a typed simulator speed: the number, or null when it is not one in SIMULATOR_SPEED's range. */
export function parseSimulatorSpeed(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '' || !/^[0-9]*\.?[0-9]+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= SIMULATOR_SPEED.min && value <= SIMULATOR_SPEED.max ? value : null;
}

function OptionsForm({ onClose }: { onClose: () => void }) {
  const styles = useStyles();
  const { t, formatNumber, spoken } = useT();
  const current = useAppStore((s) => s.settings.simulatorSpeed);
  const setSimulatorSpeed = useAppStore((s) => s.setSimulatorSpeed);
  const [text, setText] = useState(() => String(current));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const speed = parseSimulatorSpeed(text);
  const invalid = speed === null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (speed === null) return;
    setSaving(true);
    setSaveError(null);
    const result = await setSimulatorSpeed(speed);
    setSaving(false);
    if (result.ok) onClose();
    else setSaveError(spoken(result.error));
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)}>
      <DialogBody>
        <DialogTitle>{t('options.title')}</DialogTitle>
        <DialogContent className={styles.content}>
          <h3 className={styles.heading}>{t('options.section.simulator')}</h3>
          <Field
            label={t('options.simulatorSpeed')}
            hint={t('options.simulatorSpeed.hint')}
            validationState={invalid ? 'error' : 'none'}
            validationMessage={
              invalid ? t('options.simulatorSpeed.invalid', { min: formatNumber(SIMULATOR_SPEED.min, 1), max: formatNumber(SIMULATOR_SPEED.max) }) : undefined
            }
          >
            <Input
              className={styles.input}
              type="text"
              inputMode="decimal"
              value={text}
              onChange={(_e, data) => setText(data.value)}
              contentAfter={t('options.simulatorSpeed.unit')}
            />
          </Field>
          {saveError ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{t('options.saveFailed', { message: saveError })}</MessageBarBody>
            </MessageBar>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button appearance="primary" type="submit" disabled={invalid || saving}>
            {t('options.save')}
          </Button>
          <Button onClick={onClose}>{t('options.cancel')}</Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

/** File > Options…: the console's options; for now the simulated connector's speed (saved with `settings.set`). */
export function OptionsDialog() {
  const styles = useStyles();
  const open = useAppStore((s) => s.optionsOpen);
  const setOpen = useAppStore((s) => s.setOptionsOpen);
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_e, data) => setOpen(data.open)}>
      <DialogSurface className={styles.surface}>{open ? <OptionsForm onClose={() => setOpen(false)} /> : null}</DialogSurface>
    </Dialog>
  );
}
