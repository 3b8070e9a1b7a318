import { makeStyles, Spinner, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { HostRating } from '../../../shared/model/placement.js';
import { assertNever } from '../../../shared/model/result.js';
import { IssueList } from '../../components/IssueList.js';
import { StarRating } from '../../components/StarRating.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { Property, PropertyList } from '../details/PropertyList.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, flexShrink: 0 },
  panel: {
    paddingTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    height: '132px',
    overflowY: 'auto',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

type HostTab = 'details' | 'rating' | 'transfer';
const TABS: readonly HostTab[] = ['details', 'rating', 'transfer'];
const TAB_LABEL = { details: 'selectHost.tab.details', rating: 'selectHost.tab.rating', transfer: 'selectHost.tab.transfer' } as const;

function HostDetailsPanel({ row }: { row: HostRating }) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatNumber } = useT();
  const host = useAppStore((s) => s.index?.hostByName.get(row.host.toLowerCase()) ?? null);
  return (
    <>
      <PropertyList>
        <Property label={t('selectHost.col.host')}>{row.host}</Property>
        <Property label={t('selectHost.col.cluster')}>{row.cluster ?? t('details.host.standalone')}</Property>
        <Property label={t('selectHost.availability')}>{row.available ? t('selectHost.available') : t('selectHost.notAvailable')}</Property>
        <Property label={t('selectHost.col.rating')}>
          <StarRating rating={row.rating} />
        </Property>
        <Property label={t('selectHost.col.transferType')}>{row.transferType ? t(`transfer.${row.transferType}`) : t('selectHost.notAvailable')}</Property>
        {host ? (
          <>
            <Property label={t('details.host.os')}>{host.os}</Property>
            <Property label={t('details.host.memoryAvailable')}>{formatMemoryMB(host.memory.availableMB)}</Property>
            <Property label={t('details.host.cpuUsage')}>{t('unit.percent', { value: formatNumber(host.cpu.usagePercent) })}</Property>
          </>
        ) : null}
      </PropertyList>
      {row.reasons.length > 0 ? (
        <>
          <h4 className={styles.subheading}>{t('selectHost.reasons')}</h4>
          <IssueList items={row.reasons} label={t('selectHost.reasons')} />
        </>
      ) : null}
      {row.warnings.length > 0 ? (
        <>
          <h4 className={styles.subheading}>{t('selectHost.warnings')}</h4>
          <IssueList items={row.warnings} label={t('selectHost.warnings')} />
        </>
      ) : null}
    </>
  );
}

/** A row's explanation lines; a row asked for without them (a grid of thousands of hosts) shows that they are coming. */
function Explanation({ lines, words }: { lines: HostRating['ratingExplanationText']; words: readonly string[] }) {
  const { t } = useT();
  if (!lines && words.length === 0) return <Spinner size="extra-tiny" label={t('selectHost.explaining')} />;
  return <IssueList items={lines ?? words} />;
}

function TabPanelContent({ tab, row }: { tab: HostTab; row: HostRating }) {
  switch (tab) {
    case 'details':
      return <HostDetailsPanel row={row} />;
    case 'rating':
      return <Explanation lines={row.ratingExplanationText} words={row.ratingExplanation} />;
    case 'transfer':
      return <Explanation lines={row.transferExplanationText} words={row.transferExplanation} />;
    default:
      return assertNever(tab);
  }
}

/** Below the Select Host grid: the current host's Details, Rating explanation and Transfer explanation. */
export function HostRatingTabs({ row }: { row: HostRating | null }) {
  const styles = useStyles();
  const { t } = useT();
  const [tab, setTab] = useState<HostTab>('details');
  const baseId = useId();
  return (
    <div className={styles.root}>
      <TabList size="small" selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as HostTab)} aria-label={t('selectHost.tabs')}>
        {TABS.map((value) => (
          <Tab key={value} value={value} id={`${baseId}-${value}`} aria-controls={`${baseId}-panel`}>
            {t(TAB_LABEL[value])}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-${tab}`} className={styles.panel} tabIndex={0}>
        {row ? <TabPanelContent tab={tab} row={row} /> : <Text className={styles.muted}>{t('selectHost.pickHint')}</Text>}
      </div>
    </div>
  );
}
