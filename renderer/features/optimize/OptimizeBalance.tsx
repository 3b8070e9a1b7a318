import { makeStyles, MessageBar, MessageBarBody, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { HostThresholds, OptimizeOutcome } from '../../../shared/model/optimize.js';
import { useT } from '../../i18n/use-translator.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  legend: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', color: tokens.colorNeutralForeground2 },
  key: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { display: 'inline-block', width: '14px', height: '8px', borderRadius: tokens.borderRadiusSmall },
  swatchMark: { display: 'inline-block', width: '2px', height: '14px', backgroundColor: tokens.colorPaletteRedBorder2 },
  table: { borderCollapse: 'collapse', width: '100%', maxWidth: '960px' },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  td: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    verticalAlign: 'middle',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  host: { whiteSpace: 'nowrap', width: '8em' },
  cell: { display: 'flex', flexDirection: 'column', gap: '3px', minWidth: '220px' },
  track: { position: 'relative', height: '9px', backgroundColor: tokens.colorNeutralBackground4, borderRadius: tokens.borderRadiusSmall },
  before: { position: 'absolute', left: 0, top: 0, bottom: 0, backgroundColor: tokens.colorNeutralForeground3, borderRadius: tokens.borderRadiusSmall },
  after: { position: 'absolute', left: 0, top: 0, bottom: 0, backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  over: { backgroundColor: tokens.colorPaletteRedBackground3 },
  mark: { position: 'absolute', top: '-3px', bottom: '-3px', width: '2px', backgroundColor: tokens.colorPaletteRedBorder2 },
  figures: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  why: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** One resource of one host: a bar before and a bar after, with the threshold marked. */
function Bars({ host, resource, before, after, limit }: { host: string; resource: string; before: number; after: number; limit: number }) {
  const styles = useStyles();
  const { t } = useT();
  const clamp = (x: number) => `${Math.max(0, Math.min(100, x))}%`;
  const label = t('optimize.bar.label', { host, resource, before: Math.round(before), after: Math.round(after), threshold: Math.round(limit) });
  const mark = t('optimize.bar.threshold', { threshold: Math.round(limit), free: Math.round(100 - limit) });
  return (
    <div className={styles.cell} role="img" aria-label={label}>
      <div className={styles.track}>
        <div className={mergeClasses(styles.before, before > limit && styles.over)} style={{ width: clamp(before) }} />
        <div className={styles.mark} style={{ left: clamp(limit) }} title={mark} />
      </div>
      <div className={styles.track}>
        <div className={mergeClasses(styles.after, after > limit && styles.over)} style={{ width: clamp(after) }} />
        <div className={styles.mark} style={{ left: clamp(limit) }} title={mark} />
      </div>
      <span className={styles.figures} aria-hidden>
        {Math.round(before)}% → {Math.round(after)}%
      </span>
    </div>
  );
}

/**
 * The before/after picture of Optimize Hosts: the summary (or why nothing is worth moving), one row per host with a
 * bar for memory and one for CPU, before (grey) and after (blue), each threshold a red mark; then why each move.
 */
export function OptimizeBalance({ outcome }: { outcome: OptimizeOutcome }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const headingId = useId();
  const whyId = useId();
  const after = new Map(outcome.balance.after.hosts.map((h) => [h.host, h]));
  const limits = new Map<string, HostThresholds>(outcome.thresholds.map((x) => [x.host, x]));
  return (
    <>
      <section className={styles.section} aria-labelledby={headingId}>
        <h3 id={headingId} className={styles.heading}>
          {t('optimize.section.balance')}
        </h3>
        <MessageBar intent={outcome.moves.length > 0 ? 'info' : 'success'} layout="multiline">
          <MessageBarBody>{spoken(outcome.summary)}</MessageBarBody>
        </MessageBar>
        {outcome.skipped.map((k) => (
          <Text key={k.host} size={200}>
            {spoken(k)}
          </Text>
        ))}
        <div className={styles.legend} aria-hidden>
          <span className={styles.key}>
            <span className={mergeClasses(styles.swatch, styles.before)} style={{ position: 'static' }} /> {t('optimize.legend.before')}
          </span>
          <span className={styles.key}>
            <span className={mergeClasses(styles.swatch, styles.after)} style={{ position: 'static' }} /> {t('optimize.legend.after')}
          </span>
          <span className={styles.key}>
            <span className={styles.swatchMark} /> {t('optimize.legend.threshold')}
          </span>
        </div>
        <table className={styles.table} aria-label={t('optimize.chartLabel')}>
          <thead>
            <tr>
              <th className={styles.th}>{t('optimize.col.host')}</th>
              <th className={styles.th}>{t('optimize.col.memory')}</th>
              <th className={styles.th}>{t('optimize.col.cpu')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.balance.before.hosts.map((h) => {
              const a = after.get(h.host) ?? h;
              const l = limits.get(h.host);
              return (
                <tr key={h.host}>
                  <td className={mergeClasses(styles.td, styles.host)}>{h.host}</td>
                  <td className={styles.td}>
                    <Bars
                      host={h.host}
                      resource={t('optimize.col.memory')}
                      before={h.memoryPercent}
                      after={a.memoryPercent}
                      limit={100 - (l?.memoryFreePercent ?? 0)}
                    />
                  </td>
                  <td className={styles.td}>
                    <Bars host={h.host} resource={t('optimize.col.cpu')} before={h.cpuPercent} after={a.cpuPercent} limit={100 - (l?.cpuFreePercent ?? 0)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {outcome.moves.length > 0 ? (
        <section className={styles.section} aria-labelledby={whyId}>
          <h3 id={whyId} className={styles.heading}>
            {t('optimize.section.why')}
          </h3>
          <ol className={styles.why}>
            {outcome.moves.map((m) => (
              <li key={m.vm}>
                <Text weight="semibold">{m.vm}</Text>: {spoken(m.reason)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
