import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  boxes: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * A labelled group of checkboxes. Not a Fluent `Field`: a Field hands its one control id to every checkbox
 * inside it, so each label would toggle the first box.
 */
export function CheckboxGroup({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className={styles.root}>
      <Text id={id} weight="semibold">
        {label}
      </Text>
      <div className={styles.boxes}>{children}</div>
      {hint ? <Text className={styles.hint}>{hint}</Text> : null}
    </div>
  );
}
