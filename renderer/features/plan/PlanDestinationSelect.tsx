import { makeStyles, Select } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { PlanRequest } from '../../../shared/model/plan.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { AUTO_HOST, rowChoice, withRowChoice } from '../migrate-vm-wizard/multi-vm-wizard-draft.js';
import { compareNames } from '../../components/compare-names.js';

const useStyles = makeStyles({
  select: { minWidth: '140px' },
});

/** Changing where one VM of a plan goes: the hosts to offer, each VM's choice, and the change. */
export interface DestinationChoice {
  /** Every host of the inventory, by name. */
  hostNames: readonly string[];
  /** A VM's choice: a host, or `auto` (the best host that still fits). */
  choiceOf(vm: string): string;
  /** Plans again with the VM sent to `host` (or back to its best host with `auto`). */
  choose(vm: string, host: string): void;
}

/**
 * Per-VM destinations for a plan of chosen VMs that has not run (an evacuation's VMs go to their best
 * hosts, and a plan that runs is fixed): null otherwise.
 */
export function useDestinationChoice(request: PlanRequest, editable: boolean): DestinationChoice | null {
  const hosts = useAppStore((s) => s.snapshot?.inventory.hosts);
  const change = useAppStore((s) => s.planChange);
  return useMemo(() => {
    if (!editable || request.kind !== 'vms' || !hosts) return null;
    const rows = { to: request.to, perVm: request.perVm ?? {} };
    return {
      hostNames: hosts.map((h) => h.name).sort(compareNames),
      choiceOf: (vm) => rowChoice(rows, vm),
      choose: (vm, host) => {
        const { perVm } = withRowChoice(rows, vm, host);
        const next: PlanRequest = { kind: 'vms', vms: request.vms, to: request.to };
        change({ request: Object.keys(perVm).length > 0 ? { ...next, perVm } : next });
      },
    };
  }, [editable, request, hosts, change]);
}

/**
 * A VM's destination in the plan view: its best host (named once planned) or any other host; a change
 * plans again at once. Its own host is offered only while it is the choice (the plan says why not).
 */
export function PlanDestinationSelect({ vm, source, planned, choice }: { vm: string; source: string; planned: string | null; choice: DestinationChoice }) {
  const styles = useStyles();
  const { t } = useT();
  const current = choice.choiceOf(vm);
  const options = choice.hostNames.filter((h) => h.toLowerCase() !== source.toLowerCase() || h === current);
  return (
    <Select
      size="small"
      className={styles.select}
      aria-label={t('multiHost.destinationOf', { vm })}
      value={current}
      onChange={(_e, data) => choice.choose(vm, data.value)}
    >
      <option value={AUTO_HOST}>{planned && current === AUTO_HOST ? t('multiHost.autoWith', { host: planned }) : t('multiHost.auto')}</option>
      {options.map((host) => (
        <option key={host} value={host}>
          {host}
        </option>
      ))}
    </Select>
  );
}
