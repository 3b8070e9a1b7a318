import { Button, CounterBadge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ClipboardTaskListLtr20Regular, ServerMultiple20Regular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useT } from '../../i18n/use-translator.js';
import type { Workspace } from '../../store/ui-slice.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    flexShrink: 0,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  button: {
    justifyContent: 'flex-start',
    width: '100%',
    borderRadius: 0,
    paddingLeft: tokens.spacingHorizontalM,
    fontWeight: tokens.fontWeightRegular,
  },
  current: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorBrandStroke1}`,
  },
  label: { flexGrow: 1, textAlign: 'left' },
});

const ENTRIES: { value: Workspace; icon: ReactElement; key: 'workspace.vms' | 'workspace.jobs' }[] = [
  { value: 'vms', icon: <ServerMultiple20Regular />, key: 'workspace.vms' },
  { value: 'jobs', icon: <ClipboardTaskListLtr20Regular />, key: 'workspace.jobs' },
];

/** The workspace buttons at the foot of the left pane, as VMM's: VMs and Hosts, Jobs (with the count of jobs in flight). */
export function WorkspaceSwitcher() {
  const styles = useStyles();
  const { t } = useT();
  const workspace = useAppStore((s) => s.workspace);
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const active = useAppStore((s) => {
    let n = 0;
    for (const job of s.jobs) if (job.status === 'Running' || job.status === 'Queued') n++;
    return n;
  });
  return (
    <nav className={styles.root} aria-label={t('workspace.label')}>
      {ENTRIES.map((entry) => {
        const current = entry.value === workspace;
        return (
          <Button
            key={entry.value}
            appearance="subtle"
            className={mergeClasses(styles.button, current && styles.current)}
            icon={entry.icon}
            aria-current={current ? 'page' : undefined}
            onClick={() => setWorkspace(entry.value)}
          >
            <span className={styles.label}>{t(entry.key)}</span>
            {entry.value === 'jobs' && active > 0 ? (
              <CounterBadge count={active} size="small" color="brand" aria-label={t('workspace.activeJobs', { count: active })} />
            ) : null}
          </Button>
        );
      })}
    </nav>
  );
}
