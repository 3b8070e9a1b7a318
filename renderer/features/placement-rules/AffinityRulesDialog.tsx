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
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { AffinityRule, AffinityRuleType } from '../../../shared/model/inventory.js';
import { ScriptView } from '../../components/ScriptView.js';
import { useT } from '../../i18n/use-translator.js';
import { RuleProblems } from './RuleProblems.js';
import { useAppStore } from '../../store/store-context.js';
import { CheckboxGroup } from './CheckboxGroup.js';
import { ruleProblems } from './KeepApartDialog.js';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: 'min(64vh, 600px)', overflowY: 'auto' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const key = (s: string) => s.toLowerCase();

/** A rule being added (`replaces` null) or edited. */
interface RuleDraft {
  replaces: string | null;
  name: string;
  type: AffinityRuleType;
  required: boolean;
  vms: Set<string>;
}

/** The body of the dialog for one cluster: its rules, and the form of the rule being added or edited. */
function AffinityRules({ cluster }: { cluster: string }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const index = useAppStore((s) => s.index);
  const submit = useAppStore((s) => s.submitPlacementRules);
  const loadScript = useAppStore((s) => s.placementScript);
  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const clusterVms = useMemo(
    () => (index?.hostsByCluster.get(key(cluster)) ?? []).flatMap((h) => index?.vmsByHost.get(key(h.name)) ?? []).map((v) => v.name),
    [index, cluster],
  );
  // The estate's rules that name a VM of this cluster.
  const rules = useMemo(() => {
    const own = new Set(clusterVms.map(key));
    return (index?.inventory.affinityRules ?? []).filter((r) => r.vms.some((n) => own.has(key(n))));
  }, [index, clusterVms]);

  const run = async (work: () => ReturnType<typeof submit>) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (result.ok) {
      setDraft(null);
      setProblems([]);
    } else setProblems(ruleProblems(result.error, spoken));
  };
  const ruleArgs = (d: RuleDraft) => ({
    rule: { name: d.name.trim(), type: d.type, required: d.required, vms: clusterVms.filter((n) => d.vms.has(key(n))) },
    replaces: d.replaces,
  });
  const save = (d: RuleDraft) => run(() => submit('placementRules.ruleSet', ruleArgs(d)));
  const edit = (r: AffinityRule) => setDraft({ replaces: r.name, name: r.name, type: r.type, required: r.required, vms: new Set(r.vms.map(key)) });

  return (
    <DialogContent className={styles.content}>
      {rules.length === 0 ? (
        <Text className={styles.muted}>{t('rules.none', { cluster })}</Text>
      ) : (
        <Table size="small" aria-label={t('rules.table')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('rules.col.name')}</TableHeaderCell>
              <TableHeaderCell>{t('rules.col.type')}</TableHeaderCell>
              <TableHeaderCell>{t('rules.col.required')}</TableHeaderCell>
              <TableHeaderCell>{t('rules.col.vms')}</TableHeaderCell>
              <TableHeaderCell>{t('rules.col.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rules.map((r) => (
              <TableRow key={r.name}>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.type}</TableCell>
                <TableCell>{r.required ? t('common.yes') : t('common.no')}</TableCell>
                <TableCell>{r.vms.join(', ')}</TableCell>
                <TableCell>
                  <div className={styles.actions}>
                    <Button size="small" disabled={busy} aria-label={t('rules.editOne', { rule: r.name })} onClick={() => edit(r)}>
                      {t('rules.edit')}
                    </Button>
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={t('rules.removeOne', { rule: r.name })}
                      onClick={() => void run(() => submit('placementRules.ruleRemove', { name: r.name }))}
                    >
                      {t('rules.remove')}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {draft === null ? (
        <div className={styles.actions}>
          <Button onClick={() => setDraft({ replaces: null, name: '', type: 'DifferentNode', required: true, vms: new Set() })}>{t('rules.add')}</Button>
        </div>
      ) : (
        <div role="group" aria-label={draft.replaces === null ? t('rules.addGroup') : t('rules.editGroup', { rule: draft.replaces })} className={styles.form}>
          <Field label={t('rules.col.name')} required>
            <Input value={draft.name} onChange={(_e, d) => setDraft({ ...draft, name: d.value })} />
          </Field>
          <Field label={t('rules.col.type')}>
            <RadioGroup layout="horizontal" value={draft.type} onChange={(_e, d) => setDraft({ ...draft, type: d.value as AffinityRuleType })}>
              <Radio value="DifferentNode" label={t('rules.type.DifferentNode')} />
              <Radio value="SameNode" label={t('rules.type.SameNode')} />
            </RadioGroup>
          </Field>
          <Checkbox label={t('keepApart.required')} checked={draft.required} onChange={(_e, d) => setDraft({ ...draft, required: d.checked === true })} />
          <CheckboxGroup label={t('rules.col.vms')}>
            {clusterVms.map((n) => (
              <Checkbox
                key={n}
                label={n}
                checked={draft.vms.has(key(n))}
                onChange={(_e, d) => {
                  const vms = new Set(draft.vms);
                  if (d.checked === true) vms.add(key(n));
                  else vms.delete(key(n));
                  setDraft({ ...draft, vms });
                }}
              />
            ))}
          </CheckboxGroup>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy || draft.name.trim() === ''} onClick={() => void save(draft)}>
              {t('rules.save')}
            </Button>
            <Button
              disabled={busy}
              onClick={() => {
                setDraft(null);
                setProblems([]);
              }}
            >
              {t('wizard.cancel')}
            </Button>
          </div>
          {draft.name.trim() === '' ? null : <ScriptView requestKey={JSON.stringify(ruleArgs(draft))} load={() => loadScript(ruleArgs(draft))} />}
        </div>
      )}
      <RuleProblems problems={problems} />
    </DialogContent>
  );
}

/** A cluster's affinity rules (host tree > a cluster > Affinity Rules…): listed, added, edited and removed, each a job. */
export function AffinityRulesDialog() {
  const styles = useStyles();
  const { t } = useT();
  const cluster = useAppStore((s) => s.affinityRulesCluster);
  const close = useAppStore((s) => s.closeAffinityRules);
  return (
    <Dialog open={cluster !== null} onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{cluster ? t('rules.title', { cluster }) : ''}</DialogTitle>
          {cluster ? <AffinityRules cluster={cluster} /> : null}
          <DialogActions>
            <Button appearance="primary" onClick={close}>
              {t('common.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
