import { Button, Combobox, Field, makeStyles, Option, tokens } from '@fluentui/react-components';
import { FolderOpen16Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { StorageLocation } from '../../../shared/model/storage.js';
import { useT } from '../../i18n/use-translator.js';
import { BrowseLocationsDialog } from './BrowseLocationsDialog.js';
import { useCsvLabel } from './csv-label.js';
import type { PathCheckState } from './use-storage-paths.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  combo: { flexGrow: 1, minWidth: 0 },
  input: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  option: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, width: '100%' },
  optionPath: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  optionFree: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  lines: { display: 'flex', flexDirection: 'column' },
});

/** Props of a storage path field. */
export interface StoragePathFieldProps {
  host: string;
  /** The field's label; in a grid row (`compact`), its accessible name. */
  label: string;
  value: string;
  onChange: (path: string) => void;
  locations: readonly StorageLocation[];
  state: PathCheckState;
  /** Problems the backend found with this path beyond the path check (no room, a plan rule): shown as errors. */
  problems?: readonly string[];
  /** Shown while the field is empty. */
  emptyHint?: string;
  compact?: boolean;
  disabled?: boolean;
}

/**
 * A destination folder on a host: type it, pick one of the host's default locations, or Browse its volumes
 * and shares. The backend's check shows under the field as the admin types: an error when refused, else a
 * hint saying where the path is and how much space is free.
 */
export function StoragePathField(props: StoragePathFieldProps) {
  const { host, label, value, onChange, locations, state, problems = [], emptyHint, compact = false, disabled = false } = props;
  const styles = useStyles();
  const { t, formatSizeGB, spoken } = useT();
  const [browsing, setBrowsing] = useState(false);
  const csvPath = useCsvLabel(host);
  const defaults = locations.filter((l) => l.kind === 'default');

  const errors = [
    ...(state.check && !state.check.valid ? [spoken(state.check)] : []),
    ...(state.error ? [t('storage.checkFailed', { message: spoken(state.error) })] : []),
    ...problems,
  ];
  let hint: ReactNode = undefined;
  if (errors.length === 0) {
    if (state.pending) hint = t('storage.checking');
    else if (state.check?.valid) hint = spoken(state.check);
    else if (state.path === '') hint = emptyHint;
  }
  const message =
    errors.length === 0 ? undefined : errors.length === 1 ? (
      errors[0]
    ) : (
      <span className={styles.lines}>
        {errors.map((e, i) => (
          <span key={i}>{e}</span>
        ))}
      </span>
    );

  return (
    <Field
      label={compact ? undefined : label}
      validationState={errors.length > 0 ? 'error' : state.check?.valid && !state.pending ? 'success' : 'none'}
      validationMessage={message}
      hint={hint}
    >
      {(fieldProps) => (
        <div className={styles.row}>
          <Combobox
            {...fieldProps}
            aria-label={compact ? label : undefined}
            className={styles.combo}
            input={{ className: styles.input, spellCheck: false }}
            freeform
            disabled={disabled}
            value={value}
            selectedOptions={defaults.some((d) => d.path === value) ? [value] : []}
            placeholder={t('storage.placeholder')}
            onChange={(e) => onChange(e.target.value)}
            onOptionSelect={(_e, data) => data.optionValue !== undefined && onChange(data.optionValue)}
          >
            {defaults.map((location) => (
              <Option key={location.path} value={location.path} text={location.path}>
                <span className={styles.option}>
                  <span className={styles.optionPath}>{csvPath(location.path)}</span>
                  {location.freeGB !== null ? <span className={styles.optionFree}>{t('storage.free', { size: formatSizeGB(location.freeGB) })}</span> : null}
                </span>
              </Option>
            ))}
          </Combobox>
          <Button
            icon={<FolderOpen16Regular />}
            disabled={disabled}
            onClick={() => setBrowsing(true)}
            aria-label={compact ? t('storage.browseFor', { name: label }) : undefined}
          >
            {compact ? null : t('storage.browse')}
          </Button>
          {browsing ? (
            <BrowseLocationsDialog host={host} locations={locations} initialPath={value} onPick={onChange} onClose={() => setBrowsing(false)} />
          ) : null}
        </div>
      )}
    </Field>
  );
}
