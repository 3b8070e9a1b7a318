import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSync16Regular, ErrorCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { Host } from '../../shared/model/inventory.js';
import { assertNever } from '../../shared/model/result.js';
import { useT } from '../i18n/use-translator.js';

const useStyles = makeStyles({
  row: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  info: { color: tokens.colorBrandForeground1 },
});

/** A host's status icons, each with an accessible label: not responding, updating, maintenance mode. */
export function HostStatusIcons({ host }: { host: Pick<Host, 'state' | 'maintenanceMode'> }) {
  const styles = useStyles();
  const { t } = useT();
  let stateIcon = null;
  switch (host.state) {
    case 'Responding':
      break;
    case 'NotResponding':
      stateIcon = <ErrorCircle16Filled className={styles.error} aria-label={t('tree.status.notResponding')} />;
      break;
    case 'Updating':
      stateIcon = <ArrowSync16Regular className={styles.info} aria-label={t('tree.status.updating')} />;
      break;
    default:
      assertNever(host.state);
  }
  if (!stateIcon && !host.maintenanceMode) return null;
  return (
    <span className={styles.row}>
      {stateIcon}
      {host.maintenanceMode ? <Warning16Filled className={styles.warning} aria-label={t('tree.status.maintenance')} /> : null}
    </span>
  );
}
