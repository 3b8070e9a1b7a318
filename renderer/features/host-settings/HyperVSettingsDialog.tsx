import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowSwap24Regular, DatabaseArrowRight24Regular, ErrorCircle16Filled, Options24Regular } from '@fluentui/react-icons';
import { useId, useMemo, useState, type ReactElement } from 'react';
import type { Host } from '../../../shared/model/inventory.js';
import type { SettingsProblem, SettingsTarget } from '../../../shared/model/live-migration-settings.js';
import { assertNever } from '../../../shared/model/result.js';
import { resolveSettingsTarget } from '../../../shared/model/settings-targets.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { AdvancedFeaturesPage } from './AdvancedFeaturesPage.js';
import { checkDraft, newDraft, SETTINGS_PAGES, type HyperVSettingsDraft, type SettingsPage } from './hyperv-settings-draft.js';
import { LiveMigrationsPage } from './LiveMigrationsPage.js';
import { problemText } from './problem-text.js';
import { StorageMigrationsPage } from './StorageMigrationsPage.js';

const useStyles = makeStyles({
  surface: { width: '860px', maxWidth: 'calc(100vw - 48px)' },
  body: { gap: tokens.spacingVerticalM },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, overflow: 'hidden' },
  split: {
    display: 'grid',
    gridTemplateColumns: '236px minmax(0, 1fr)',
    height: '640px',
    maxHeight: 'calc(100vh - 220px)',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
  },
  nav: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    overflowY: 'auto',
  },
  navHeading: {
    display: 'block',
    paddingLeft: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightSemibold,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  tabs: { width: '100%' },
  tab: { justifyContent: 'flex-start', width: '100%', textAlign: 'left' },
  // Advanced Features sits under Live Migrations, as in Hyper-V Manager's tree of pages.
  subTab: { paddingLeft: '36px' },
  tabText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', minWidth: 0 },
  tabSummary: { color: tokens.colorNeutralForeground3, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  tabError: { color: tokens.colorPaletteRedForeground1 },
  page: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  pageHeading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  pageIcon: { color: tokens.colorBrandForeground1 },
  intro: { color: tokens.colorNeutralForeground2 },
  actions: { alignItems: 'center' },
  problems: { color: tokens.colorPaletteRedForeground1, marginRight: 'auto', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  problemList: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const PAGE_ICON: Record<SettingsPage, ReactElement> = {
  live: <ArrowSwap24Regular />,
  advanced: <Options24Regular />,
  storage: <DatabaseArrowRight24Regular />,
};

const PAGE_TITLE = { live: 'hvs.page.live', advanced: 'hvs.page.advanced', storage: 'hvs.page.storage' } as const;

/** Each page's second line in the left list, as Hyper-V Manager shows one under each page. */
function usePageSummary(draft: HyperVSettingsDraft): Record<SettingsPage, string> {
  const { t } = useT();
  const mixed = t('hvs.summary.mixed');
  const live =
    draft.enabled === null
      ? mixed
      : !draft.enabled
        ? t('hvs.summary.disabled')
        : draft.maxLive === ''
          ? mixed
          : t('hvs.summary.live', { count: draft.maxLive });
  const advanced =
    draft.authentication === null || draft.performanceOption === null
      ? mixed
      : t('hvs.summary.advanced', { authentication: draft.authentication, performance: t(`perf.${draft.performanceOption}`) });
  const storage = draft.maxStorage === '' ? mixed : t('hvs.summary.storage', { count: draft.maxStorage });
  return { live, advanced, storage };
}

/** The target's name as the title says it. */
function targetName(target: SettingsTarget): string {
  if ('host' in target) return target.host;
  if ('cluster' in target) return target.cluster;
  return target.hostGroup;
}

interface SettingsFormProps {
  target: SettingsTarget;
  hosts: readonly Host[];
  name: string;
  group: boolean;
  clusterLimit: { cluster: string; limit: number } | null;
  onClose: () => void;
}

function SettingsForm({ target, hosts, name, group, clusterLimit, onClose }: SettingsFormProps) {
  const styles = useStyles();
  const { t, tn, spoken } = useT();
  const apply = useAppStore((s) => s.applyHostSettings);
  const [draft, setDraft] = useState<HyperVSettingsDraft>(() => newDraft(hosts));
  const [page, setPage] = useState<SettingsPage>('live');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; problems: SettingsProblem[] } | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const check = useMemo(() => checkDraft(draft, hosts), [draft, hosts]);
  const summary = usePageSummary(draft);
  const baseId = useId();
  const invalid = check.problems.length > 0;
  const changed = Object.keys(check.change).length > 0;
  const update = (change: (d: HyperVSettingsDraft) => HyperVSettingsDraft) => {
    setApplied(null);
    setDraft(change);
  };

  const run = async (close: boolean) => {
    if (invalid) return;
    if (!changed) {
      if (close) onClose();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await apply(target, check.change);
    setBusy(false);
    if (!result.ok) {
      const detail = result.error.detail as { problems?: SettingsProblem[] } | undefined;
      setFailure({ message: spoken(result.error), problems: detail?.problems ?? [] });
      return;
    }
    if (close) onClose();
    else {
      // What was applied is the hosts' now: only later changes are sent.
      setDraft((d) => ({ ...d, touched: [] }));
      setApplied(result.value.name);
    }
  };

  const notResponding = hosts.filter((h) => h.state !== 'Responding').map((h) => h.name);
  const pageProps = { draft, update, check, hosts, clusterLimit };
  let content: ReactElement;
  switch (page) {
    case 'live':
      content = <LiveMigrationsPage {...pageProps} />;
      break;
    case 'advanced':
      content = <AdvancedFeaturesPage {...pageProps} />;
      break;
    case 'storage':
      content = <StorageMigrationsPage {...pageProps} />;
      break;
    default:
      content = assertNever(page);
  }
  const intro = { live: 'hvs.live.intro', advanced: 'hvs.advanced.intro', storage: 'hvs.storage.intro' } as const;

  return (
    <DialogBody className={styles.body}>
      <DialogTitle>{group ? t('hvs.title.group', { name }) : t('hvs.title.host', { host: name })}</DialogTitle>
      <DialogContent className={styles.content}>
        {group ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{tn('hvs.group.intro', hosts.length, { name, hosts: hosts.map((h) => h.name).join(', ') })}</MessageBarBody>
          </MessageBar>
        ) : null}
        {group && notResponding.length > 0 ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t('hvs.group.notResponding', { hosts: notResponding.join(', ') })}</MessageBarBody>
          </MessageBar>
        ) : null}
        {failure ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {failure.problems.length > 0 ? (
                <>
                  {t('hvs.applyFailed', { message: '' })}
                  <ul className={styles.problemList}>
                    {failure.problems.map((p, i) => (
                      <li key={i}>{problemText(t, p)}</li>
                    ))}
                  </ul>
                </>
              ) : (
                t('hvs.applyFailed', { message: failure.message })
              )}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {applied ? (
          <MessageBar intent="success">
            <MessageBarBody>{t('hvs.applied', { name: applied })}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={styles.split}>
          <nav className={styles.nav} aria-label={t('hvs.pages')}>
            <Caption1 className={styles.navHeading}>{t('hvs.pagesHeading')}</Caption1>
            <TabList
              className={styles.tabs}
              vertical
              size="large"
              selectedValue={page}
              onTabSelect={(_e, data) => setPage(data.value as SettingsPage)}
              aria-label={t('hvs.pages')}
            >
              {SETTINGS_PAGES.map((p) => (
                <Tab
                  key={p}
                  value={p}
                  id={`${baseId}-tab-${p}`}
                  aria-controls={`${baseId}-panel`}
                  icon={PAGE_ICON[p]}
                  aria-label={`${t(PAGE_TITLE[p])}, ${check.pages.has(p) ? t('hvs.page.hasProblems') : summary[p]}`}
                  className={mergeClasses(styles.tab, p === 'advanced' && styles.subTab)}
                >
                  <span className={styles.tabText}>
                    <Text weight={page === p ? 'semibold' : 'regular'}>{t(PAGE_TITLE[p])}</Text>
                    {/* A space between the title and the summary, so the words seen are the words of the tab's name. */}{' '}
                    <Caption1 className={styles.tabSummary}>
                      {check.pages.has(p) ? (
                        <>
                          <ErrorCircle16Filled className={styles.tabError} />
                          <span className={styles.tabError}>{t('hvs.page.hasProblems')}</span>
                        </>
                      ) : (
                        summary[p]
                      )}
                    </Caption1>
                  </span>
                </Tab>
              ))}
            </TabList>
          </nav>
          <section id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${page}`} className={styles.page}>
            <Subtitle2 as="h3" className={styles.pageHeading}>
              <span className={styles.pageIcon}>{PAGE_ICON[page]}</span>
              {t(PAGE_TITLE[page])}
            </Subtitle2>
            <Body1 className={styles.intro}>{t(intro[page])}</Body1>
            {content}
          </section>
        </div>
      </DialogContent>
      <DialogActions fluid className={styles.actions}>
        {invalid ? (
          <Caption1 className={styles.problems} role="status">
            <ErrorCircle16Filled />
            {tn('hvs.problems', check.problems.length)}
          </Caption1>
        ) : null}
        <Button appearance="primary" disabled={invalid || busy} onClick={() => void run(true)}>
          {t('hvs.ok')}
        </Button>
        <Button onClick={onClose}>{t('hvs.cancel')}</Button>
        <Button disabled={invalid || busy || !changed} onClick={() => void run(false)}>
          {t('hvs.apply')}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

/**
 * Host > Properties > Hyper-V Settings, laid out like Hyper-V Manager's: the pages on the left
 * (Live Migrations, its Advanced Features, Storage Migrations) with a summary line each, the page on
 * the right, OK / Cancel / Apply below. For a host group or cluster it changes every host under it.
 * Values are checked as they are entered with the backend's own rules; OK and Apply stay off while
 * one is wrong, and the pages with something to correct are marked.
 */
export function HyperVSettingsDialog() {
  const styles = useStyles();
  const { t } = useT();
  const dialog = useAppStore((s) => s.hostSettingsDialog);
  const close = useAppStore((s) => s.closeHostSettings);
  const inventory = useAppStore((s) => s.index?.inventory ?? null);
  // The hosts as the dialog opened: a later refresh (this dialog's own Apply) must not reset the form.
  const [opened, setOpened] = useState<{ id: number; hosts: Host[]; name: string; group: boolean; clusterLimit: SettingsFormProps['clusterLimit'] } | null>(
    null,
  );
  if (dialog && inventory && opened?.id !== dialog.id) {
    const resolved = resolveSettingsTarget(dialog.target, inventory);
    const hosts = resolved.ok ? resolved.value.hosts : [];
    const single = hosts.length === 1 && resolved.ok && resolved.value.kind === 'host' ? hosts[0] : null;
    const cluster = single?.cluster ? inventory.clusters.find((c) => c.name.toLowerCase() === single.cluster?.toLowerCase()) : undefined;
    setOpened({
      id: dialog.id,
      hosts,
      name: resolved.ok ? resolved.value.name : targetName(dialog.target),
      group: resolved.ok ? resolved.value.kind !== 'host' : false,
      clusterLimit: cluster && cluster.maxParallelMigrations !== null ? { cluster: cluster.name, limit: cluster.maxParallelMigrations } : null,
    });
  }
  // Apply changes the hosts: the form compares with them as they are now.
  const current = useMemo(() => {
    if (!opened || !inventory) return opened?.hosts ?? [];
    const byName = new Map(inventory.hosts.map((h) => [h.name.toLowerCase(), h]));
    return opened.hosts.map((h) => byName.get(h.name.toLowerCase()) ?? h);
  }, [opened, inventory]);
  const ready = dialog !== null && opened?.id === dialog.id;
  return (
    <Dialog open={dialog !== null} modalType="modal" onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface className={styles.surface}>
        {ready && opened.hosts.length > 0 ? (
          <SettingsForm
            key={opened.id}
            target={dialog.target}
            hosts={current}
            name={opened.name}
            group={opened.group}
            clusterLimit={opened.clusterLimit}
            onClose={close}
          />
        ) : ready ? (
          <DialogBody>
            <DialogTitle>{t('hvs.title.host', { host: opened.name })}</DialogTitle>
            <DialogContent>{t('hvs.targetGone', { name: opened.name })}</DialogContent>
            <DialogActions>
              <Button onClick={close}>{t('common.close')}</Button>
            </DialogActions>
          </DialogBody>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
