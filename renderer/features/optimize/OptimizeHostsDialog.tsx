import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Aggressiveness, OptimizeThresholdSettings, OptimizeThresholds } from '../../../shared/model/optimize.js';
import { useT } from '../../i18n/use-translator.js';
import type { OptimizeDialogState } from '../../store/optimize-slice.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fieldset: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, border: 'none' },
  row: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  number: { width: '9em' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The thresholds a host group has now: its own, the nearest parent's, or the defaults; with where they come from. */
export function effectiveThresholds(settings: OptimizeThresholdSettings, group: string): { thresholds: OptimizeThresholds; from: string | null } {
  const byKey = new Map(Object.entries(settings.groups).map(([k, v]) => [k.toLowerCase(), { k, v }]));
  const parts = group.split('/');
  for (let n = parts.length; n > 0; n--) {
    const hit = byKey.get(parts.slice(0, n).join('/').toLowerCase());
    if (hit) return { thresholds: hit.v, from: hit.k };
  }
  return { thresholds: settings.defaults, from: null };
}

const percent = (value: string): number | null => {
  const n = Number(value.trim().replace(',', '.'));
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 90 ? n : null;
};

/**
 * Optimize Hosts on a cluster, a host group or All Hosts: the aggressiveness, whether standalone hosts that share
 * storage take part, and the thresholds of the host group (kept for it when changed: where an admin sets Dynamic
 * Optimization's thresholds in VMM, on the host group). Optimize opens the proposal in the plan view.
 */
export function OptimizeHostsDialog() {
  const state = useAppStore((s) => s.optimizeDialog);
  const settings = useAppStore((s) => s.optimizeThresholds);
  return state && settings ? <OptimizeDialog key={`${state.name}:${state.group}`} state={state} settings={settings} /> : null;
}

function OptimizeDialog({ state, settings }: { state: OptimizeDialogState; settings: OptimizeThresholdSettings }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const close = useAppStore((s) => s.optimizeDialogClose);
  const setThresholds = useAppStore((s) => s.optimizeThresholdsSet);
  const saveError = useAppStore((s) => s.optimizeThresholdsError);
  const openOptimize = useAppStore((s) => s.openOptimize);
  const current = effectiveThresholds(settings, state.group);
  const [aggressiveness, setAggressiveness] = useState<Aggressiveness>('medium');
  const [standalone, setStandalone] = useState(false);
  const [memory, setMemory] = useState(String(current.thresholds.memoryFreePercent));
  const [cpu, setCpu] = useState(String(current.thresholds.cpuFreePercent));
  const [busy, setBusy] = useState(false);
  const memoryValue = percent(memory);
  const cpuValue = percent(cpu);
  const own = settings.groups[state.group] !== undefined || Object.keys(settings.groups).some((g) => g.toLowerCase() === state.group.toLowerCase());

  const run = async () => {
    if (memoryValue === null || cpuValue === null) return;
    setBusy(true);
    const changed = memoryValue !== current.thresholds.memoryFreePercent || cpuValue !== current.thresholds.cpuFreePercent;
    const saved = changed ? await setThresholds(state.group, { memoryFreePercent: memoryValue, cpuFreePercent: cpuValue }) : true;
    setBusy(false);
    if (!saved) return;
    close();
    openOptimize({ scope: state.scope, aggressiveness, ...(standalone ? { allowStandalone: true } : {}) });
  };
  const inherit = async () => {
    setBusy(true);
    const ok = await setThresholds(state.group, null);
    setBusy(false);
    if (!ok) return;
    const next = effectiveThresholds(
      { ...settings, groups: Object.fromEntries(Object.entries(settings.groups).filter(([g]) => g.toLowerCase() !== state.group.toLowerCase())) },
      state.group,
    );
    setMemory(String(next.thresholds.memoryFreePercent));
    setCpu(String(next.thresholds.cpuFreePercent));
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && !busy && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('optimize.dialog.title', { name: state.name })}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{t('optimize.dialog.intro')}</Text>
            <Field label={t('optimize.dialog.aggressiveness')}>
              <RadioGroup value={aggressiveness} onChange={(_e, data) => setAggressiveness(data.value as Aggressiveness)}>
                <Radio value="low" label={t('optimize.dialog.low')} />
                <Radio value="medium" label={t('optimize.dialog.medium')} />
                <Radio value="high" label={t('optimize.dialog.high')} />
              </RadioGroup>
            </Field>
            {'group' in state.scope ? (
              <Checkbox label={t('optimize.dialog.standalone')} checked={standalone} onChange={(_e, data) => setStandalone(data.checked === true)} />
            ) : null}
            <fieldset className={styles.fieldset}>
              <legend>{t('optimize.dialog.thresholds', { group: state.group })}</legend>
              <Text size={200} className={styles.muted}>
                {t('optimize.dialog.thresholdsHelp')}{' '}
                {current.from ? t('optimize.dialog.thresholdsFrom', { group: current.from }) : t('optimize.dialog.thresholdsDefault')}
              </Text>
              <div className={styles.row}>
                <Field label={t('optimize.dialog.memoryFree')} validationMessage={memoryValue === null ? t('optimize.dialog.invalid') : undefined}>
                  <Input className={styles.number} inputMode="decimal" value={memory} onChange={(_e, data) => setMemory(data.value)} />
                </Field>
                <Field label={t('optimize.dialog.cpuFree')} validationMessage={cpuValue === null ? t('optimize.dialog.invalid') : undefined}>
                  <Input className={styles.number} inputMode="decimal" value={cpu} onChange={(_e, data) => setCpu(data.value)} />
                </Field>
              </div>
              {own ? (
                <div>
                  <Button appearance="subtle" size="small" disabled={busy} onClick={() => void inherit()}>
                    {t('optimize.dialog.inherit')}
                  </Button>
                </div>
              ) : null}
            </fieldset>
            {saveError ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{t('optimize.dialog.saveFailed', { message: spoken(saveError) })}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy || memoryValue === null || cpuValue === null} onClick={() => void run()}>
              {t('optimize.dialog.run')}
            </Button>
            <Button disabled={busy} onClick={close}>
              {t('optimize.dialog.cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
