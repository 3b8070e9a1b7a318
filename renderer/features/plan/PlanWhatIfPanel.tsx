import { Button, Caption1, Field, makeStyles, mergeClasses, Select, SpinButton, Switch, tokens, type SpinButtonOnChangeData } from '@fluentui/react-components';
import { ArrowReset20Regular } from '@fluentui/react-icons';
import { useId, useMemo } from 'react';
import { PERFORMANCE_OPTION_VALUES, type PerformanceOption } from '../../../shared/model/inventory.js';
import type { PlanWhatIf } from '../../../shared/model/plan.js';
import { NotedRadioGroup } from '../../components/NotedRadioGroup.js';
import { useT } from '../../i18n/use-translator.js';
import type { PlanViewState } from '../../store/plan-slice.js';
import { useAppStore } from '../../store/store-context.js';
import { ownLimits, whatIfSet } from './plan-format.js';

/** The limits the spin boxes take: Hyper-V's range for simultaneous migrations (the planner refuses others). */
const LIMIT = { min: 1, max: 64 } as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  limits: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 72px 72px',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'center',
    fontSize: tokens.fontSizeBase200,
  },
  limitsHead: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  host: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  changed: { fontWeight: tokens.fontWeightSemibold },
  spin: { width: '72px', minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** A spin box's new number: the stepped value, or the typed text once committed (null: cleared). */
function spinValue(data: SpinButtonOnChangeData): number | null | undefined {
  if (data.value !== undefined) return data.value;
  const text = (data.displayValue ?? '').trim();
  if (text === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** One host's live and storage limits for the plan: its own until changed. */
function LimitRow({ host, whatIf, disabled, onChange }: { host: string; whatIf: PlanWhatIf; disabled: boolean; onChange: (whatIf: PlanWhatIf) => void }) {
  const styles = useStyles();
  const { t } = useT();
  const index = useAppStore((s) => s.index);
  const own = useMemo(() => (index ? ownLimits(index.inventory, index.hostByName.get(host.toLowerCase())) : null), [index, host]);
  const set = whatIf.limits?.[host] ?? {};
  const live = set.live ?? own?.live ?? 2;
  const storage = set.storage ?? own?.storage ?? 2;
  const changed = set.live !== undefined || set.storage !== undefined;
  const put = (kind: 'live' | 'storage', value: number | null | undefined) => {
    if (value === undefined) return;
    const limits = { ...(whatIf.limits ?? {}) };
    const next = { ...(limits[host] ?? {}) };
    const ownValue = own?.[kind];
    if (value === null || value === ownValue) delete next[kind];
    else next[kind] = Math.max(LIMIT.min, Math.min(LIMIT.max, Math.round(value)));
    if (Object.keys(next).length === 0) delete limits[host];
    else limits[host] = next;
    onChange({ ...whatIf, limits: Object.keys(limits).length ? limits : undefined });
  };
  return (
    <>
      <span className={mergeClasses(styles.host, changed && styles.changed)} title={host}>
        {host}
      </span>
      {(['live', 'storage'] as const).map((kind) => (
        <SpinButton
          key={kind}
          className={styles.spin}
          size="small"
          min={LIMIT.min}
          max={LIMIT.max}
          value={kind === 'live' ? live : storage}
          disabled={disabled}
          aria-label={t(kind === 'live' ? 'plan.whatIf.liveOf' : 'plan.whatIf.storageOf', { host })}
          onChange={(_e, data) => put(kind, spinValue(data))}
        />
      ))}
    </>
  );
}

/** Props of the what-if panel. */
export interface PlanWhatIfPanelProps {
  view: PlanViewState;
  /** The hosts whose limits can be changed: those the plan involves. */
  hosts: readonly string[];
  /** After Run or Confirm: the plan is what runs, and nothing changes it. */
  disabled: boolean;
}

/**
 * What-if controls: what to do with VMs that cannot live-migrate (an evacuation) or where the VMs go,
 * one performance option for every move, a bandwidth cap, VMM's baseline (first in first out, limit 2)
 * to compare with, and each host's live and storage limits. Each change plans again at once.
 */
export function PlanWhatIfPanel({ view, hosts, disabled }: PlanWhatIfPanelProps) {
  const styles = useStyles();
  const { t } = useT();
  const change = useAppStore((s) => s.planChange);
  const inventoryHosts = useAppStore((s) => s.index?.inventory.hosts);
  const hostNames = useMemo(() => (inventoryHosts ?? []).map((h) => h.name), [inventoryHosts]);
  const idPrefix = useId();
  const { request, whatIf } = view;
  const setWhatIf = (next: PlanWhatIf) => change({ whatIf: next });
  return (
    <div className={styles.root}>
      <h3 className={styles.heading}>{t('plan.whatIf.title')}</h3>
      {request.kind === 'evacuate' ? (
        <Field label={t('plan.cannotMove.label')}>
          <NotedRadioGroup
            idPrefix={`${idPrefix}-cannot-move`}
            value={request.cannotMove}
            options={[
              { value: 'save', label: t('plan.cannotMove.save'), note: t('plan.cannotMove.saveNote'), disabled },
              { value: 'leave', label: t('plan.cannotMove.leave'), note: t('plan.cannotMove.leaveNote'), disabled },
            ]}
            onChange={(cannotMove) => change({ request: { ...request, cannotMove } })}
          />
        </Field>
      ) : (
        <Field label={t('plan.whatIf.destination')}>
          <Select value={request.to} disabled={disabled} onChange={(_e, data) => change({ request: { ...request, to: data.value } })}>
            <option value="auto">{t('plan.whatIf.destinationAuto')}</option>
            {hostNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t('plan.whatIf.performance')}>
        <Select
          value={whatIf.performanceOption ?? ''}
          disabled={disabled}
          onChange={(_e, data) => setWhatIf({ ...whatIf, performanceOption: data.value === '' ? null : (data.value as PerformanceOption) })}
        >
          <option value="">{t('plan.whatIf.performanceOwn')}</option>
          {PERFORMANCE_OPTION_VALUES.map((value) => (
            <option key={value} value={value}>
              {t(`perf.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('plan.whatIf.cap')} hint={t('plan.whatIf.capHint')}>
        <SpinButton
          min={0.1}
          max={10000}
          step={1}
          value={whatIf.bandwidthCapGbps ?? null}
          disabled={disabled}
          onChange={(_e, data) => {
            const value = spinValue(data);
            if (value === undefined) return;
            setWhatIf({ ...whatIf, bandwidthCapGbps: value === null || value <= 0 ? null : value });
          }}
        />
      </Field>
      <Switch
        label={t('plan.whatIf.naive')}
        checked={whatIf.naive === true}
        disabled={disabled}
        onChange={(_e, data) => setWhatIf({ ...whatIf, naive: data.checked || undefined })}
      />
      {hosts.length > 0 ? (
        <div role="group" aria-label={t('plan.whatIf.limits')}>
          <Field label={t('plan.whatIf.limits')} hint={whatIf.naive ? t('plan.whatIf.limitsNaive') : undefined}>
            <div className={styles.limits}>
              <span className={styles.limitsHead}>{t('plan.col.host')}</span>
              <span className={styles.limitsHead}>{t('plan.whatIf.live')}</span>
              <span className={styles.limitsHead}>{t('plan.whatIf.storage')}</span>
              {hosts.map((host) => (
                <LimitRow key={host} host={host} whatIf={whatIf} disabled={disabled} onChange={setWhatIf} />
              ))}
            </div>
          </Field>
        </div>
      ) : null}
      <Caption1 className={styles.hint}>{t('plan.whatIf.note')}</Caption1>
      <Button icon={<ArrowReset20Regular />} disabled={disabled || !whatIfSet(whatIf)} onClick={() => setWhatIf({})}>
        {t('plan.whatIf.reset')}
      </Button>
    </div>
  );
}
