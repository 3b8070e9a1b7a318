import { makeStyles, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXXS, flexGrow: 1 },
  caption: {
    textAlign: 'center',
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    color: tokens.colorNeutralForeground3,
    paddingTop: tokens.spacingVerticalXXS,
    whiteSpace: 'nowrap',
  },
});

/** A captioned group of ribbon buttons ("Migrate", "Virtual Machine State"). */
export function RibbonGroup({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className={styles.group}>
      <div className={styles.buttons}>{children}</div>
      <div id={id} className={styles.caption}>
        {label}
      </div>
    </div>
  );
}
