import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Switch, Text, tokens } from '@fluentui/react-components';
import type { Vm } from '../../../shared/model/inventory.js';
import { text } from '../../../shared/i18n/text.js';
import type { HostRating, ReasonCode } from '../../../shared/model/placement.js';
import type { Translator } from '../../i18n/translator.js';
import type { ErrorDto } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { HostRatingGrid } from './HostRatingGrid.js';
import { HostRatingTabs } from './HostRatingTabs.js';
import { StartVmPrompt } from './StartVmPrompt.js';
import type { VmWizardDraft } from './vm-wizard-draft.js';
import { RetryBar } from '../../components/RetryBar.js';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  intro: { flexGrow: 1, color: tokens.colorNeutralForeground2 },
  switch: { flexShrink: 0, whiteSpace: 'nowrap' },
  grid: {
    flexGrow: 1,
    flexShrink: 0,
    flexBasis: '260px',
    overflow: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  unavailableHint: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

/**
 * The line under the grid: how many hosts are available, or, when none is, one summary that counts the
 * hosts by the first reason each is blocked by ("None of the 14 other hosts is available: 8 processor generation, …").
 */
export function availabilitySummary(rows: readonly HostRating[], { t, tn, say, locale }: Translator): string {
  const available = rows.filter((r) => r.available).length;
  if (available > 0 || rows.length === 0) return tn('selectHost.count', available, { total: rows.length });
  const tally = new Map<ReasonCode, number>();
  for (const row of rows) {
    const code = row.reasons[0]?.code;
    if (code) tally.set(code, (tally.get(code) ?? 0) + 1);
  }
  const parts = [...tally].sort((a, b) => b[1] - a[1]).map(([code, count]) => t('selectHost.reasonTally', { count, kind: say(text(`reasonKind.${code}`)) }));
  return tn('selectHost.noneAvailable', rows.length, { reasons: new Intl.ListFormat(locale, { style: 'short', type: 'unit' }).format(parts) });
}

/** Props of Select Host. */
export interface SelectHostPageProps {
  vm: Vm;
  draft: VmWizardDraft;
  rows: readonly HostRating[] | null;
  /** The current host's row with its explanations, once asked for (the grid's rows come without them). */
  explained?: HostRating | null;
  loading: boolean;
  error: ErrorDto | null;
  onRetry: () => void;
}

/**
 * Select Host: the start prompt for a VM that is not running, every other host rated for the VM (the
 * unavailable ones shown or hidden, greyed), and the current host's explanations in tabs below.
 */
export function SelectHostPage({ vm, draft, rows, explained = null, loading, error, onRetry }: SelectHostPageProps) {
  const styles = useStyles();
  const translator = useT();
  const { t } = translator;
  const patch = useAppStore((s) => s.patchVmWizard);
  const all = rows ?? [];
  const shown = draft.showUnavailable ? all : all.filter((r) => r.available);
  const current = all.find((r) => r.host === draft.host) ?? null;
  // One move per VM: when another job holds the VM, every host says so first; say it once, for the whole VM.
  const busy = all.length > 0 && all.every((r) => r.reasons[0]?.code === 'vm-busy') ? all[0].reasons[0] : null;
  const activate = (host: string) => {
    if (host !== draft.host) patch({ host, destinationPath: '', addToDefaults: false });
  };
  return (
    <>
      <StartVmPrompt vm={vm} draft={draft} />
      <div className={styles.bar}>
        <Text className={styles.intro}>{t('selectHost.intro', { vm: vm.name, host: vm.host })}</Text>
        {loading ? <Spinner size="extra-tiny" label={t('selectHost.rating')} /> : null}
        <Switch
          className={styles.switch}
          label={t('selectHost.showUnavailable')}
          checked={draft.showUnavailable}
          onChange={(_e, data) => patch({ showUnavailable: data.checked })}
        />
      </div>
      {error ? <RetryBar message={t('selectHost.failed', { message: translator.spoken(error) })} onRetry={onRetry} /> : null}
      {busy ? (
        <MessageBar intent="warning" data-testid="vm-busy">
          <MessageBarBody>
            <MessageBarTitle>{t('selectHost.vmBusy', { vm: vm.name })}</MessageBarTitle>
            {translator.spoken(busy)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.grid}>
        <HostRatingGrid rows={shown} current={draft.host} label={t('selectHost.gridLabel')} onActivate={activate} />
      </div>
      <Text className={current && !current.available ? styles.unavailableHint : styles.hint} aria-live="polite">
        {rows === null
          ? t('selectHost.loading')
          : current && !current.available && all.some((r) => r.available)
            ? t('selectHost.unavailableHint', { host: current.host })
            : availabilitySummary(all, translator)}
      </Text>
      <HostRatingTabs row={explained && current && explained.host === current.host ? explained : current} />
    </>
  );
}
