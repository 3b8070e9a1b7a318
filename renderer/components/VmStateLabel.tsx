import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CircleFilled, PauseCircle16Regular, RecordStop16Regular, Save16Regular } from '@fluentui/react-icons';
import type { VmState } from '../../shared/model/inventory.js';
import { assertNever } from '../../shared/model/result.js';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  icon: { flexShrink: 0, fontSize: '12px' },
  running: { color: tokens.colorStatusSuccessForeground1 },
  off: { color: tokens.colorNeutralForeground3 },
  saved: { color: tokens.colorBrandForeground1 },
  paused: { color: tokens.colorStatusWarningForeground1 },
  text: { overflow: 'hidden', textOverflow: 'ellipsis' },
});

/** A VM's power state: a coloured glyph (decorative) and its name. */
export function VmStateLabel({ state }: { state: VmState }) {
  const styles = useStyles();
  const { t } = useT();
  let icon;
  switch (state) {
    case 'Running':
      icon = <CircleFilled className={mergeClasses(styles.icon, styles.running)} />;
      break;
    case 'Off':
      icon = <RecordStop16Regular className={mergeClasses(styles.icon, styles.off)} />;
      break;
    case 'Saved':
      icon = <Save16Regular className={mergeClasses(styles.icon, styles.saved)} />;
      break;
    case 'Paused':
      icon = <PauseCircle16Regular className={mergeClasses(styles.icon, styles.paused)} />;
      break;
    default:
      return assertNever(state);
  }
  return (
    <span className={styles.root}>
      {icon}
      <span className={styles.text}>{t(`vmState.${state}`)}</span>
    </span>
  );
}
