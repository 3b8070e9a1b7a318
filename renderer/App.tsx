import { Body1, Button, makeStyles, mergeClasses, MessageBar, MessageBarBody, Spinner, Subtitle1, tokens } from '@fluentui/react-components';
import { ArrowImport20Regular, Beaker20Regular, DatabaseSearch24Regular } from '@fluentui/react-icons';
import { Notifier } from './components/Notifier.js';
import { DetailsPane } from './features/details/DetailsPane.js';
import { HostTree } from './features/host-tree/HostTree.js';
import { ImportDialogs } from './features/import/ImportDialogs.js';
import { ImportPickerProvider, useImportPicker } from './features/import/import-picker.js';
import { JobsPane } from './features/jobs/JobsPane.js';
import { JobFilters, JobsWorkspace } from './features/jobs/JobsWorkspace.js';
import { MigrateStorageWizard } from './features/migrate-storage-wizard/MigrateStorageWizard.js';
import { MigrateVmWizard } from './features/migrate-vm-wizard/MigrateVmWizard.js';
import { Ribbon } from './features/ribbon/Ribbon.js';
import { StatusBar } from './features/status-bar/StatusBar.js';
import { VmList } from './features/vm-list/VmList.js';
import { OptionsDialog } from './features/preferences/OptionsDialog.js';
import { HyperVSettingsDialog } from './features/host-settings/HyperVSettingsDialog.js';
import { ConnectionSettingsDialog } from './features/connection/ConnectionSettingsDialog.js';
import { LabStatusDialog } from './features/lab/LabStatusDialog.js';
import { DiagnosticsDialog } from './features/help/DiagnosticsDialog.js';
import { LogDialog } from './features/help/LogDialog.js';
import { MaintenanceStopDialog } from './features/maintenance/MaintenanceStopDialog.js';
import { OptimizeHostsDialog } from './features/optimize/OptimizeHostsDialog.js';
import { VmPropertiesDialog } from './features/vm-properties/VmPropertiesDialog.js';
import { KeepApartDialog } from './features/placement-rules/KeepApartDialog.js';
import { AffinityRulesDialog } from './features/placement-rules/AffinityRulesDialog.js';
import { PlanWorkspace } from './features/plan/PlanWorkspace.js';
import { WorkspaceSwitcher } from './features/workspace/WorkspaceSwitcher.js';
import { useT } from './i18n/use-translator.js';
import { useAppStore } from './store/store-context.js';
import { RetryBar } from './components/RetryBar.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  workspace: {
    flexGrow: 1,
    minHeight: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(200px, 240px) minmax(0, 1fr) minmax(280px, 330px)',
  },
  jobsWorkspace: { gridTemplateColumns: 'minmax(200px, 240px) minmax(0, 1fr)' },
  left: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  tree: { flexGrow: 1, flexBasis: 0, minHeight: 0, overflow: 'hidden' },
  centre: { minHeight: 0, minWidth: 0 },
  details: { minHeight: 0, borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  plan: { gridColumn: '2 / -1', minHeight: 0, minWidth: 0 },
  state: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    textAlign: 'center',
  },
  stateIcon: { fontSize: '48px', color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  banner: { flexShrink: 0 },
});

function NoInventory() {
  const styles = useStyles();
  const { t } = useT();
  const openFilePicker = useImportPicker();
  const loadDemo = useAppStore((s) => s.loadDemo);
  return (
    <div className={styles.state}>
      <DatabaseSearch24Regular className={styles.stateIcon} />
      <Subtitle1 as="h2">{t('app.noInventory.title')}</Subtitle1>
      <Body1>{t('app.noInventory.body')}</Body1>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<ArrowImport20Regular />} onClick={openFilePicker}>
          {t('ribbon.file.import')}
        </Button>
        <Button icon={<Beaker20Regular />} onClick={() => void loadDemo()}>
          {t('ribbon.file.loadDemo')}
        </Button>
      </div>
    </div>
  );
}

function Workspace() {
  const styles = useStyles();
  const { t, spoken } = useT();
  const workspace = useAppStore((s) => s.workspace);
  const status = useAppStore((s) => s.inventoryStatus);
  const error = useAppStore((s) => s.inventoryError);
  const empty = useAppStore((s) => s.index !== null && s.index.inventory.hosts.length === 0 && s.index.inventory.vms.length === 0);
  const refresh = useAppStore((s) => s.refreshInventory);
  const planOpen = useAppStore((s) => s.planView !== null);
  if (workspace === 'jobs') {
    return (
      <main className={mergeClasses(styles.workspace, styles.jobsWorkspace)}>
        <div className={styles.left}>
          <JobFilters />
          <WorkspaceSwitcher />
        </div>
        <JobsWorkspace />
      </main>
    );
  }
  if (status === 'loading') {
    return (
      <main className={styles.workspace}>
        <div className={styles.state}>
          <Spinner size="medium" label={t('app.loading')} />
        </div>
      </main>
    );
  }
  if (status === 'error') {
    return (
      <main className={styles.workspace}>
        <div className={styles.state}>
          <RetryBar message={t('app.loadFailed', { message: error ? spoken(error) : '' })} onRetry={() => void refresh()} />
        </div>
      </main>
    );
  }
  if (empty) {
    return (
      <main className={styles.workspace}>
        <NoInventory />
      </main>
    );
  }
  return (
    <main className={styles.workspace}>
      <div className={styles.left}>
        <nav className={styles.tree} aria-label={t('tree.label')}>
          <HostTree />
        </nav>
        <WorkspaceSwitcher />
      </div>
      {planOpen ? (
        <div className={styles.plan}>
          <PlanWorkspace />
        </div>
      ) : (
        <>
          <div className={styles.centre}>
            <VmList />
          </div>
          <div className={styles.details}>
            <DetailsPane />
          </div>
        </>
      )}
    </main>
  );
}

function ConnectionBanner() {
  const styles = useStyles();
  const { t } = useT();
  const reconnecting = useAppStore((s) => s.connection === 'reconnecting');
  if (!reconnecting) return null;
  return (
    <MessageBar intent="warning" className={styles.banner} politeness="assertive">
      <MessageBarBody>{t('connection.reconnecting')}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * The console: ribbon on top; in the VMs and Hosts workspace the host tree left, VM list centre,
 * details right and recent jobs along the bottom; in the Jobs workspace every job; status at the foot.
 */
export function App() {
  const styles = useStyles();
  const jobsWorkspace = useAppStore((s) => s.workspace === 'jobs');
  return (
    <ImportPickerProvider>
      <div className={styles.root}>
        <Ribbon />
        <ConnectionBanner />
        <Workspace />
        {jobsWorkspace ? null : <JobsPane />}
        <StatusBar />
      </div>
      <ImportDialogs />
      <MigrateVmWizard />
      <MigrateStorageWizard />
      <OptionsDialog />
      <HyperVSettingsDialog />
      <ConnectionSettingsDialog />
      <LabStatusDialog />
      <LogDialog />
      <MaintenanceStopDialog />
      <OptimizeHostsDialog />
      <VmPropertiesDialog />
      <KeepApartDialog />
      <AffinityRulesDialog />
      <DiagnosticsDialog />
      <Notifier />
    </ImportPickerProvider>
  );
}
