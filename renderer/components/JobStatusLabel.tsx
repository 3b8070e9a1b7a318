import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSync16Regular, CheckmarkCircle16Filled, Clock16Regular, DismissCircle16Filled, ErrorCircle16Filled, Info16Filled } from '@fluentui/react-icons';
import type { JobStatus } from '../../shared/model/job.js';
import { assertNever } from '../../shared/model/result.js';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0, whiteSpace: 'nowrap' },
  icon: { flexShrink: 0 },
  success: { color: tokens.colorStatusSuccessForeground1 },
  danger: { color: tokens.colorStatusDangerForeground1 },
  brand: { color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A job's status: an icon (decorative) and VMM's word for it. */
export function JobStatusLabel({ status }: { status: JobStatus }) {
  const styles = useStyles();
  const { t } = useT();
  let icon;
  switch (status) {
    case 'Queued':
      icon = <Clock16Regular className={mergeClasses(styles.icon, styles.muted)} />;
      break;
    case 'Running':
      icon = <ArrowSync16Regular className={mergeClasses(styles.icon, styles.brand)} />;
      break;
    case 'Completed':
      icon = <CheckmarkCircle16Filled className={mergeClasses(styles.icon, styles.success)} />;
      break;
    case 'Completed with info':
      icon = <Info16Filled className={mergeClasses(styles.icon, styles.brand)} />;
      break;
    case 'Failed':
      icon = <ErrorCircle16Filled className={mergeClasses(styles.icon, styles.danger)} />;
      break;
    case 'Canceled':
      icon = <DismissCircle16Filled className={mergeClasses(styles.icon, styles.muted)} />;
      break;
    default:
      return assertNever(status);
  }
  return (
    <span className={styles.root}>
      {icon}
      <span>{t(`jobStatus.${status}`)}</span>
    </span>
  );
}
