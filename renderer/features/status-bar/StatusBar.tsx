import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Database16Regular, PlugConnected16Regular, PlugDisconnected16Regular, Timer16Regular } from '@fluentui/react-icons';
import { assertNever } from '../../../shared/model/result.js';
import type { ConnectionState } from '../../api/connection.js';
import type { Translator } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    height: '24px',
    flexShrink: 0,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  origin: { overflow: 'hidden', textOverflow: 'ellipsis' },
  muted: { color: tokens.colorNeutralForeground3 },
  counts: { marginLeft: 'auto', display: 'inline-flex', gap: tokens.spacingHorizontalM },
  warning: { color: tokens.colorStatusWarningForeground1 },
  link: {
    border: 'none',
    padding: 0,
    backgroundColor: 'transparent',
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { color: tokens.colorNeutralForeground1, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

function connectionText(t: Translator['t'], state: ConnectionState): string {
  switch (state) {
    case 'open':
      return t('status.connected');
    case 'connecting':
      return t('status.connecting');
    case 'reconnecting':
      return t('status.reconnecting');
    default:
      return assertNever(state);
  }
}

/** The status bar: where the inventory came from, what it holds, the simulator's speed (opens Options), and the link to the backend. */
export function StatusBar() {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber, origin } = useT();
  const meta = useAppStore((s) => s.snapshot?.meta ?? null);
  const index = useAppStore((s) => s.index);
  // While a large estate arrives page by page, the count is the estate's, not what has come so far.
  const vmTotal = useAppStore((s) => s.inventoryLoading?.total ?? s.index?.inventory.vms.length ?? 0);
  const connection = useAppStore((s) => s.connection);
  const simulatorSpeed = useAppStore((s) => s.settings.simulatorSpeed);
  const setOptionsOpen = useAppStore((s) => s.setOptionsOpen);
  const inv = index?.inventory;
  return (
    <footer className={styles.root} aria-label={t('status.label')}>
      <span className={styles.item}>
        <Database16Regular />
        <span className={styles.origin}>{meta ? t('status.origin', { origin: origin(meta.origin) }) : t('status.noInventory')}</span>
        {meta?.exportedAt ? <span className={styles.muted}>({t('status.exportedAt', { date: formatDateTime(meta.exportedAt) })})</span> : null}
      </span>
      {inv ? (
        <span className={styles.counts}>
          <span>{t('status.hostGroups', { count: inv.hostGroups.length })}</span>
          <span>{t('status.clusters', { count: inv.clusters.length })}</span>
          <span>{t('status.hosts', { count: inv.hosts.length })}</span>
          <span>{t('status.vms', { count: vmTotal })}</span>
        </span>
      ) : null}
      <button
        type="button"
        className={mergeClasses(styles.item, styles.link, !inv && styles.counts)}
        onClick={() => setOptionsOpen(true)}
        title={t('options.simulatorSpeed')}
      >
        <Timer16Regular />
        {t('status.simulatorSpeed', { speed: formatNumber(simulatorSpeed, 1) })}
      </button>
      <span className={mergeClasses(styles.item, connection !== 'open' && styles.warning)}>
        {connection === 'open' ? <PlugConnected16Regular /> : <PlugDisconnected16Regular />}
        {connectionText(t, connection)}
      </span>
    </footer>
  );
}
