import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useLayoutEffect, useRef } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import { VmStateLabel } from '../../components/VmStateLabel.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { DetailsSection, Property, PropertyList } from '../details/PropertyList.js';
import { VmPlacementSection } from './VmPlacementSection.js';

const useStyles = makeStyles({
  surface: { maxWidth: '680px', width: 'calc(100vw - 48px)' },
  // Focusable (tabIndex), so the keyboard scrolls a long list of disks.
  content: { maxHeight: 'min(60vh, 560px)', overflowY: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  size: { textAlign: 'right', whiteSpace: 'nowrap', width: '88px' },
  shared: { width: '96px' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The properties of one VM, read-only, grouped as VMM's VM Properties: General, Hardware, Storage. */
function VmProperties({ vm }: { vm: Vm }) {
  const styles = useStyles();
  const { t, formatMemoryMB, formatSizeGB, formatNumber } = useT();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <>
      <DetailsSection title={t('details.section.general')}>
        <PropertyList>
          <Property label={t('vmProps.name')}>{vm.name}</Property>
          <Property label={t('vmProps.id')}>
            <span className={styles.mono}>{vm.id}</span>
          </Property>
          <Property label={t('details.vm.host')}>{vm.host}</Property>
          <Property label={t('details.vm.state')}>
            <VmStateLabel state={vm.state} />
          </Property>
          <Property label={t('details.vm.highlyAvailable')}>{yesNo(vm.highlyAvailable)}</Property>
          <Property label={t('details.vm.generation')}>{formatNumber(vm.generation)}</Property>
          <Property label={t('details.vm.configVersion')}>{vm.configVersion}</Property>
        </PropertyList>
      </DetailsSection>
      <DetailsSection title={t('details.section.hardware')}>
        <PropertyList>
          <Property label={t('details.vm.cpus')}>{formatNumber(vm.cpuCount)}</Property>
          <Property label={t('details.vm.processorCompatibility')}>{yesNo(vm.processorCompatibility)}</Property>
          <Property label={t('details.vm.memory')}>{formatMemoryMB(vm.memoryMB)}</Property>
          {vm.dirtyRateMBps === null ? null : (
            <Property label={t('vmProps.dirtyRate')}>{t('lab.dirtyRate', { value: formatNumber(vm.dirtyRateMBps, 1) })}</Property>
          )}
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
                <TableHeaderCell className={styles.shared}>{t('details.disk.shared')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {vm.disks.map((disk) => (
                <TableRow key={disk.path}>
                  <TableCell>
                    <span className={styles.mono}>{disk.path}</span>
                  </TableCell>
                  <TableCell className={styles.size}>{formatSizeGB(disk.sizeGB)}</TableCell>
                  <TableCell className={styles.shared}>
                    {disk.shared ? (
                      <Badge size="small" appearance="tint" color="informative">
                        {t('common.yes')}
                      </Badge>
                    ) : (
                      t('common.no')
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DetailsSection>
      <VmPlacementSection vm={vm} />
    </>
  );
}

/** VM Properties (ribbon and the VM's context menu): the VM's facts as the inventory holds them; its placement rules can be edited. */
export function VmPropertiesDialog() {
  const styles = useStyles();
  const { t } = useT();
  const vm = useAppStore((s) => (s.vmPropertiesId ? (s.index?.vmById.get(s.vmPropertiesId) ?? null) : null));
  const closeVmProperties = useAppStore((s) => s.closeVmProperties);
  // The dialog opens from the store, with no DialogTrigger: it gives the focus back to what had it itself.
  const returnTo = useRef<HTMLElement | null>(null);
  const open = vm !== null;
  useLayoutEffect(() => {
    if (open) returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, [open]);
  const close = () => {
    closeVmProperties();
    const target = returnTo.current;
    requestAnimationFrame(() => {
      if (target?.isConnected) target.focus();
    });
  };
  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{vm ? t('vmProps.title', { vm: vm.name }) : ''}</DialogTitle>
          <DialogContent className={styles.content} tabIndex={0} role="region" aria-label={t('vmProps.content')}>
            {vm ? <VmProperties vm={vm} /> : null}
          </DialogContent>
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
