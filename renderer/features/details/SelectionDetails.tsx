import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Vm, VmState } from '../../../shared/model/inventory.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-translator.js';
import { DetailsSection, Property, PropertyList } from './PropertyList.js';
import { compareNames } from '../../components/compare-names.js';

const useStyles = makeStyles({
  hint: { display: 'block', paddingTop: tokens.spacingVerticalS, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Counts by key, in name order. */
function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => compareNames(a, b));
}

/**
 * Several VMs selected in the list: what they add up to (states, hosts, memory, CPUs, disks), which
 * is what moving them together takes, and how to move them.
 */
export function SelectionDetails({ vms }: { vms: readonly Vm[] }) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatSizeGB, formatNumber } = useT();
  const disks = vms.flatMap((vm) => vm.disks);
  const memoryMB = vms.reduce((sum, vm) => sum + vm.memoryMB, 0);
  const runningMB = vms.filter((vm) => vm.state === 'Running').reduce((sum, vm) => sum + vm.memoryMB, 0);
  return (
    <>
      <DetailsSection title={t('details.section.general')}>
        <PropertyList>
          {countBy(vms, (vm) => vm.state).map(([state, n]) => (
            <Property key={state} label={t(`vmState.${state as VmState}` as MessageKey)}>
              {formatNumber(n)}
            </Property>
          ))}
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.selection.hosts')}>
        <PropertyList>
          {countBy(vms, (vm) => vm.host).map(([host, n]) => (
            <Property key={host} label={host}>
              {formatNumber(n)}
            </Property>
          ))}
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.hardware')}>
        <PropertyList>
          <Property label={t('details.vm.memory')}>{formatMemoryMB(memoryMB)}</Property>
          <Property label={t('details.selection.runningMemory')}>{formatMemoryMB(runningMB)}</Property>
          <Property label={t('details.vm.cpus')}>{formatNumber(vms.reduce((sum, vm) => sum + vm.cpuCount, 0))}</Property>
          <Property label={t('details.vm.disks')}>
            {t('details.selection.disks', { count: formatNumber(disks.length), size: formatSizeGB(disks.reduce((sum, d) => sum + d.sizeGB, 0)) })}
          </Property>
        </PropertyList>
      </DetailsSection>
      <Text className={styles.hint}>{t('details.selection.hint')}</Text>
    </>
  );
}
