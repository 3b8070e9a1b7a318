import { Spinner } from '@fluentui/react-components';
import { BeakerAdd24Regular, BeakerDismiss24Regular, Pulse24Regular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { RibbonButton } from '../ribbon/RibbonButton.js';
import { RibbonGroup } from '../ribbon/RibbonGroup.js';
import { inventoryHasLab } from './lab-group.js';

/**
 * The Home tab's Lab group: Start Lab, Stop Lab and Lab Status… (the dialog is mounted with the app's
 * other dialogs). The lab is enabled here rather than in Options: starting it is a job that boots real
 * VMs, and the Lab host group then appears in the host tree like any other.
 */
export function LabRibbonGroup() {
  const { t } = useT();
  const status = useAppStore((s) => s.labStatus);
  const action = useAppStore((s) => s.labAction);
  const hasLab = useAppStore((s) => inventoryHasLab(s.snapshot?.inventory.hostGroups ?? []));
  const load = useAppStore((s) => s.labStatusLoad);
  const start = useAppStore((s) => s.labStart);
  const stop = useAppStore((s) => s.labStop);
  const open = useAppStore((s) => s.openLabStatus);

  // Read once, and again whenever the Lab host group comes or goes (Start, Stop, an import, `ferry lab` in a terminal).
  useEffect(() => {
    void load();
  }, [load, hasLab]);

  const running = status?.running === true;
  // A started lab with every VM up and its host group in the inventory has nothing left to start.
  const complete = running && status.inInventory && status.vms.every((v) => v.state !== 'Off');
  const title = status === null ? undefined : running ? t('lab.ribbon.running') : t('lab.ribbon.stopped');
  return (
    <RibbonGroup label={t('lab.ribbon.group')}>
      <RibbonButton
        icon={action === 'starting' ? <Spinner size="tiny" /> : <BeakerAdd24Regular />}
        label={t('lab.ribbon.start')}
        title={title}
        aria-busy={action === 'starting'}
        disabled={action !== null || complete}
        onClick={() => void start()}
      />
      <RibbonButton
        icon={action === 'stopping' ? <Spinner size="tiny" /> : <BeakerDismiss24Regular />}
        label={t('lab.ribbon.stop')}
        title={title}
        aria-busy={action === 'stopping'}
        disabled={action !== null || (status !== null && !running && !status.inInventory)}
        onClick={() => void stop()}
      />
      <RibbonButton icon={<Pulse24Regular />} label={t('lab.ribbon.status')} onClick={open} />
    </RibbonGroup>
  );
}
