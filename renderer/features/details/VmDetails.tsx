import { Badge, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { Vm } from '../../../shared/model/inventory.js';
import { VmStateLabel } from '../../components/VmStateLabel.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { DetailsSection, Property, PropertyList } from './PropertyList.js';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  diskPath: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  size: { textAlign: 'right', whiteSpace: 'nowrap', width: '72px' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The details of one VM: state, placement, hardware, configuration and disks. */
export function VmDetails({ vm }: { vm: Vm }) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatSizeGB, formatNumber } = useT();
  const host = useAppStore((s) => s.index?.hostByName.get(vm.host.toLowerCase()) ?? null);
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <>
      <DetailsSection title={t('details.section.general')}>
        <PropertyList>
          <Property label={t('details.vm.state')}>
            <VmStateLabel state={vm.state} />
          </Property>
          <Property label={t('details.vm.host')}>{vm.host}</Property>
          <Property label={t('details.vm.cluster')}>{host?.cluster ?? t('details.vm.notClustered')}</Property>
          <Property label={t('details.vm.highlyAvailable')}>{yesNo(vm.highlyAvailable)}</Property>
          <Property label={t('details.vm.configVersion')}>{vm.configVersion}</Property>
          <Property label={t('details.vm.generation')}>{formatNumber(vm.generation)}</Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.hardware')}>
        <PropertyList>
          <Property label={t('details.vm.memory')}>{formatMemoryMB(vm.memoryMB)}</Property>
          <Property label={t('details.vm.cpus')}>{formatNumber(vm.cpuCount)}</Property>
          <Property label={t('details.vm.processorCompatibility')}>{yesNo(vm.processorCompatibility)}</Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.storage')}>
        <PropertyList>
          <Property label={t('details.vm.configurationPath')}>
            <span className={styles.mono}>{vm.configurationPath}</span>
          </Property>
        </PropertyList>
        {vm.disks.length === 0 ? (
          <Text className={styles.muted}>{t('details.vm.noDisks')}</Text>
        ) : (
          <Table size="extra-small" aria-label={t('details.vm.disks')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('details.disk.path')}</TableHeaderCell>
                <TableHeaderCell className={styles.size}>{t('details.disk.size')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {vm.disks.map((disk) => (
                <TableRow key={disk.path}>
                  <TableCell>
                    <span className={styles.diskPath}>
                      <span className={styles.mono}>{disk.path}</span>
                      {disk.shared ? (
                        <Badge size="small" appearance="tint" color="informative">
                          {t('details.disk.shared')}
                        </Badge>
                      ) : null}
                    </span>
                  </TableCell>
                  <TableCell className={styles.size}>{formatSizeGB(disk.sizeGB)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DetailsSection>
    </>
  );
}
