import { makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { Desktop20Regular, Server20Regular, TabDesktopMultiple20Regular } from '@fluentui/react-icons';
import { useMemo, type ReactNode } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { HostDetails } from './HostDetails.js';
import { SelectionDetails } from './SelectionDetails.js';
import { VmDetails } from './VmDetails.js';

const useStyles = makeStyles({
  root: {
    height: '100%',
    overflowY: 'auto',
    boxSizing: 'border-box',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  icon: { flexShrink: 0, color: tokens.colorBrandForeground1, fontSize: '24px' },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: { margin: 0, overflowWrap: 'anywhere' },
  kind: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { display: 'block', paddingTop: tokens.spacingVerticalXXL, textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

function Header({ icon, name, kind }: { icon: ReactNode; name: string; kind: string }) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <span className={styles.icon}>{icon}</span>
      <div className={styles.titles}>
        <Subtitle2 as="h2" className={styles.name}>
          {name}
        </Subtitle2>
        <span className={styles.kind}>{kind}</span>
      </div>
    </div>
  );
}

/** The right pane: details of the selected VM, else of several selected VMs together, else of the selected host, else a hint. */
export function DetailsPane() {
  const styles = useStyles();
  const { t, tn } = useT();
  const vm = useAppStore((s) => (s.selectedVmId ? (s.index?.vmById.get(s.selectedVmId) ?? null) : null));
  const selectedIds = useAppStore((s) => s.selectedVmIds);
  const index = useAppStore((s) => s.index);
  const selected = useMemo(
    () => (selectedIds.length > 1 && index ? selectedIds.map((id) => index.vmById.get(id)).filter((v): v is Vm => v !== undefined) : []),
    [selectedIds, index],
  );
  const host = useAppStore((s) => s.index?.tree.nodesById.get(s.selectedNodeId)?.host ?? null);
  let content: ReactNode;
  if (selected.length > 1) {
    content = (
      <>
        <Header icon={<TabDesktopMultiple20Regular />} name={tn('vmList.count', selected.length)} kind={t('details.kind.selection')} />
        <SelectionDetails vms={selected} />
      </>
    );
  } else if (vm) {
    content = (
      <>
        <Header icon={<Desktop20Regular />} name={vm.name} kind={t('details.kind.vm')} />
        <VmDetails vm={vm} />
      </>
    );
  } else if (host) {
    content = (
      <>
        <Header icon={<Server20Regular />} name={host.name} kind={t('details.kind.host')} />
        <HostDetails host={host} />
      </>
    );
  } else {
    content = <Text className={styles.empty}>{t('details.empty')}</Text>;
  }
  return (
    // Focusable, so the keyboard can scroll it (its content may hold no control).
    <aside className={styles.root} aria-label={t('details.label')} tabIndex={0}>
      {content}
    </aside>
  );
}
