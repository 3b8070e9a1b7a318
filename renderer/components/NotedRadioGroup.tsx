import { Caption1, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  option: { display: 'flex', flexDirection: 'column' },
  note: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    paddingLeft: '32px',
    marginTop: `calc(-1 * ${tokens.spacingVerticalXS})`,
    marginBottom: tokens.spacingVerticalS,
    maxWidth: '520px',
  },
});

/** One choice of a `NotedRadioGroup`. */
export interface NotedOption<V extends string> {
  value: V;
  label: string;
  /** A line under the choice saying when to pick it; it is the radio's accessible description. */
  note?: string;
  disabled?: boolean;
}

/**
 * Radios each with a short note under it, as Hyper-V Manager's settings pages show them. `value`
 * null shows no choice (hosts of a group that disagree). Put it in a Field for its label.
 */
export function NotedRadioGroup<V extends string>({
  idPrefix,
  value,
  options,
  onChange,
}: {
  /** Unique in the page: the notes' ids are `${idPrefix}-${value}`. */
  idPrefix: string;
  value: V | null;
  options: readonly NotedOption<V>[];
  onChange: (value: V) => void;
}) {
  const styles = useStyles();
  return (
    <RadioGroup value={value ?? ''} onChange={(_e, data) => onChange(data.value as V)}>
      {options.map((o) => {
        const noteId = `${idPrefix}-${o.value}`;
        return (
          <div key={o.value} className={styles.option}>
            <Radio value={o.value} label={o.label} disabled={o.disabled} input={o.note ? { 'aria-describedby': noteId } : undefined} />
            {o.note ? (
              <Caption1 id={noteId} className={styles.note}>
                {o.note}
              </Caption1>
            ) : null}
          </div>
        );
      })}
    </RadioGroup>
  );
}
