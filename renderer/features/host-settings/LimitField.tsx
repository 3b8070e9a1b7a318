import { Field, makeStyles, SpinButton } from '@fluentui/react-components';
import type { SettingsProblem } from '../../../shared/model/live-migration-settings.js';
import { MIGRATION_LIMIT } from '../../../shared/model/live-migration-settings.js';
import { useT } from '../../i18n/use-translator.js';
import { problemText } from './problem-text.js';

const useStyles = makeStyles({ spin: { width: '96px' } });

/** Props of a number-of-migrations field. */
export interface LimitFieldProps {
  label: string;
  hint: string;
  /** The text shown (as typed); empty where the hosts differ. */
  text: string;
  onText: (text: string) => void;
  problems: readonly SettingsProblem[] | undefined;
  disabled?: boolean;
}

/**
 * Simultaneous live or storage migrations: a spin box from 1 to 64 (arrows, Page Up/Down, Home/End),
 * which also takes typed text; a value it can't take is refused inline with the backend's reason.
 */
export function LimitField({ label, hint, text, onText, problems, disabled }: LimitFieldProps) {
  const styles = useStyles();
  const { t } = useT();
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const problem = problems?.[0];
  return (
    <Field label={label} hint={hint} validationState={problem ? 'error' : 'none'} validationMessage={problem ? problemText(t, problem) : undefined}>
      <SpinButton
        className={styles.spin}
        min={MIGRATION_LIMIT.min}
        max={MIGRATION_LIMIT.max}
        value={value}
        displayValue={text}
        placeholder={text === '' ? t('hvs.mixedValue') : undefined}
        disabled={disabled}
        onChange={(_e, data) => {
          if (data.value !== undefined && data.value !== null) onText(String(data.value));
          else if (data.displayValue !== undefined) onText(data.displayValue);
        }}
      />
    </Field>
  );
}
