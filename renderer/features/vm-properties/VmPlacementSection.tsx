import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import { ScriptView } from '../../components/ScriptView.js';
import { useT } from '../../i18n/use-translator.js';
import { RuleProblems } from '../placement-rules/RuleProblems.js';
import { ruleProblems } from '../placement-rules/KeepApartDialog.js';
import { useAppStore } from '../../store/store-context.js';
import { DetailsSection, Property, PropertyList } from '../details/PropertyList.js';
import { CheckboxGroup } from '../placement-rules/CheckboxGroup.js';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const key = (s: string) => s.toLowerCase();

/** Names typed as "a, b, c": trimmed, empty ones dropped, each once (ignoring case). */
export function splitNames(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of text.split(',').map((n) => n.trim())) {
    if (name === '' || seen.has(key(name))) continue;
    seen.add(key(name));
    out.push(name);
  }
  return out;
}

/** The draft of an edit: which nodes are checked for each owner list, and the sets as typed. */
interface Draft {
  everyNode: boolean;
  possible: Set<string>;
  preferred: Set<string>;
  sets: string;
}

function draftOf(vm: Vm): Draft {
  return {
    everyNode: !vm.possibleOwners?.length,
    possible: new Set((vm.possibleOwners ?? []).map(key)),
    preferred: new Set((vm.preferredOwners ?? []).map(key)),
    sets: (vm.availabilitySets ?? []).join(', '),
  };
}

/**
 * VM Properties > Placement (migration-rules.md section 8): the VM's possible and preferred owners, its
 * availability sets and the affinity rules that name it; Edit changes the first three as a job (on a Hyper-V
 * cluster, on the cluster too), with View Script showing the cmdlets.
 */
export function VmPlacementSection({ vm }: { vm: Vm }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  // Selectors answer values the store holds (never a new array), so a render never asks for another.
  const index = useAppStore((s) => s.index);
  const host = index?.hostByName.get(key(vm.host)) ?? null;
  const nodes = useMemo(() => (host?.cluster ? (index?.hostsByCluster.get(key(host.cluster)) ?? []) : []), [index, host]);
  const rules = useMemo(() => (index?.inventory.affinityRules ?? []).filter((r) => r.vms.some((n) => key(n) === key(vm.name))), [index, vm.name]);
  const submit = useAppStore((s) => s.submitPlacementRules);
  const loadScript = useAppStore((s) => s.placementScript);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const cluster = host?.cluster ?? null;
  const listed = (names: readonly string[] | null | undefined) => (names && names.length > 0 ? names.join(', ') : null);

  const fields = (d: Draft) => ({
    vm: vm.name,
    // Preferred owners keep their order: those already preferred first, then the newly checked ones in node order.
    possibleOwners: d.everyNode ? null : nodes.filter((n) => d.possible.has(key(n.name))).map((n) => n.name),
    preferredOwners: [
      ...(vm.preferredOwners ?? []).filter((n) => d.preferred.has(key(n))),
      ...nodes.filter((n) => d.preferred.has(key(n.name)) && !(vm.preferredOwners ?? []).some((p) => key(p) === key(n.name))).map((n) => n.name),
    ],
    availabilitySets: splitNames(d.sets),
  });

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    const result = await submit('placementRules.vmSet', fields(draft));
    setBusy(false);
    if (result.ok) {
      setDraft(null);
      setProblems([]);
      return;
    }
    setProblems(ruleProblems(result.error, spoken));
  };

  const toggle = (which: 'possible' | 'preferred', name: string, on: boolean) => {
    if (!draft) return;
    const next = new Set(draft[which]);
    if (on) next.add(key(name));
    else next.delete(key(name));
    setDraft({ ...draft, [which]: next });
  };

  return (
    <DetailsSection title={t('vmProps.placement')}>
      {draft === null ? (
        <>
          <PropertyList>
            <Property label={t('vmProps.possibleOwners')}>
              {cluster ? (listed(vm.possibleOwners) ?? t('vmProps.everyNode', { cluster })) : t('vmProps.notClustered')}
            </Property>
            <Property label={t('vmProps.preferredOwners')}>{cluster ? (listed(vm.preferredOwners) ?? t('common.none')) : t('vmProps.notClustered')}</Property>
            <Property label={t('vmProps.availabilitySets')}>{listed(vm.availabilitySets) ?? t('common.none')}</Property>
            <Property label={t('vmProps.affinityRules')}>
              {rules.length === 0
                ? t('common.none')
                : rules
                    .map((r) =>
                      t(r.required ? 'vmProps.ruleRequired' : 'vmProps.rulePreferred', {
                        rule: r.name,
                        type: r.type,
                        vms: r.vms.filter((n) => key(n) !== key(vm.name)).join(', '),
                      }),
                    )
                    .join('; ')}
            </Property>
          </PropertyList>
          <div className={styles.actions}>
            <Button onClick={() => setDraft(draftOf(vm))}>{t('vmProps.editPlacement')}</Button>
          </div>
        </>
      ) : (
        <div className={styles.form} role="group" aria-label={t('vmProps.editPlacementGroup')}>
          {cluster ? (
            <>
              <CheckboxGroup label={t('vmProps.possibleOwners')} hint={t('vmProps.possibleOwnersHint', { cluster })}>
                <Checkbox
                  label={t('vmProps.everyNode', { cluster })}
                  checked={draft.everyNode}
                  onChange={(_e, d) => setDraft({ ...draft, everyNode: d.checked === true })}
                />
                {nodes.map((n) => (
                  <Checkbox
                    key={n.name}
                    label={n.name}
                    aria-label={t('vmProps.possibleOwnerNode', { host: n.name })}
                    disabled={draft.everyNode}
                    checked={draft.everyNode || draft.possible.has(key(n.name))}
                    onChange={(_e, d) => toggle('possible', n.name, d.checked === true)}
                  />
                ))}
              </CheckboxGroup>
              <CheckboxGroup label={t('vmProps.preferredOwners')} hint={t('vmProps.preferredOwnersHint')}>
                {nodes.map((n) => (
                  <Checkbox
                    key={n.name}
                    label={n.name}
                    aria-label={t('vmProps.preferredOwnerNode', { host: n.name })}
                    checked={draft.preferred.has(key(n.name))}
                    onChange={(_e, d) => toggle('preferred', n.name, d.checked === true)}
                  />
                ))}
              </CheckboxGroup>
            </>
          ) : (
            <Text className={styles.muted}>{t('vmProps.standaloneOwners')}</Text>
          )}
          <Field label={t('vmProps.availabilitySets')} hint={t('vmProps.availabilitySetsHint')}>
            <Input value={draft.sets} onChange={(_e, d) => setDraft({ ...draft, sets: d.value })} />
          </Field>
          <RuleProblems problems={problems} />
          <ScriptView requestKey={JSON.stringify(fields(draft))} load={() => loadScript(fields(draft))} />
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy} onClick={() => void save()}>
              {t('vmProps.savePlacement')}
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
        </div>
      )}
    </DetailsSection>
  );
}
