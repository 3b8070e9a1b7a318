import { makeStyles, Tab, TabList, Toolbar, tokens } from '@fluentui/react-components';
import {
  ArrowClockwise24Regular,
  ArrowImport24Regular,
  ArrowRepeatAll24Regular,
  DismissCircle24Regular,
  Beaker24Regular,
  ClipboardTaskListLtr24Regular,
  DesktopArrowRight24Regular,
  HardDrive24Regular,
  Play24Regular,
  Power24Regular,
  Settings24Regular,
  WindowWrench24Regular,
} from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { assertNever } from '../../../shared/model/result.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { useImportPicker } from '../import/import-picker.js';
import { useJobActions } from '../jobs/use-job-actions.js';
import { useVmActions } from '../vm-actions/use-vm-actions.js';
import { useHostSettingsAction } from '../host-settings/use-host-settings-action.js';
import { ConnectionRibbonGroup } from '../connection/ConnectionRibbonGroup.js';
import { LabRibbonGroup } from '../lab/LabRibbonGroup.js';
import { MaintenanceRibbonGroup } from '../maintenance/MaintenanceRibbonGroup.js';
import { PlanRibbonGroup } from '../plan/PlanRibbonGroup.js';
import { OptimizeRibbonGroup } from '../optimize/OptimizeRibbonGroup.js';
import { FileMenu } from './FileMenu.js';
import { HelpMenu } from '../help/HelpMenu.js';
import { LanguageMenu, ThemeMenu } from './PreferenceMenus.js';
import { RibbonButton } from './RibbonButton.js';
import { RibbonGroup } from './RibbonGroup.js';

/** The ribbon's tabs. */
export type RibbonTab = 'home' | 'vm' | 'host';

const TABS: RibbonTab[] = ['home', 'vm', 'host'];
const JOBS_WORKSPACE_TABS: RibbonTab[] = ['home'];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  strip: {
    display: 'flex',
    alignItems: 'stretch',
    height: '32px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tabs: { paddingLeft: tokens.spacingHorizontalS },
  title: {
    marginTop: 0,
    marginBottom: 0,
    marginRight: 0,
    marginLeft: 'auto',
    alignSelf: 'center',
    paddingRight: tokens.spacingHorizontalM,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  band: {
    // Fixed, so switching tabs never moves the panes below.
    height: '90px',
    boxSizing: 'border-box',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    alignItems: 'stretch',
    overflowX: 'auto',
  },
});

function HomeTab() {
  const { t } = useT();
  const openFilePicker = useImportPicker();
  const loadDemo = useAppStore((s) => s.loadDemo);
  const refreshInventory = useAppStore((s) => s.refreshInventory);
  const refreshJobs = useAppStore((s) => s.refreshJobs);
  const busy = useAppStore((s) => s.importState.phase === 'reading' || s.importState.phase === 'running');
  const jobsWorkspace = useAppStore((s) => s.workspace === 'jobs');
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const jobActions = useJobActions();
  return (
    <>
      <RibbonGroup label={t('ribbon.group.inventory')}>
        <RibbonButton icon={<ArrowImport24Regular />} label={t('ribbon.file.import')} onClick={openFilePicker} disabled={busy} />
        <RibbonButton icon={<Beaker24Regular />} label={t('ribbon.file.loadDemo')} onClick={() => void loadDemo()} disabled={busy} />
        <RibbonButton
          icon={<ArrowClockwise24Regular />}
          label={t('ribbon.action.refresh')}
          onClick={() => void Promise.all([refreshInventory(), refreshJobs()])}
        />
      </RibbonGroup>
      <RibbonGroup label={t('ribbon.group.jobs')}>
        <RibbonButton
          icon={<ClipboardTaskListLtr24Regular />}
          label={t('ribbon.action.jobs')}
          aria-pressed={jobsWorkspace}
          onClick={() => setWorkspace(jobsWorkspace ? 'vms' : 'jobs')}
        />
        <RibbonButton icon={<DismissCircle24Regular />} label={t('ribbon.action.cancelJob')} onClick={jobActions.cancel} disabled={!jobActions.canCancel} />
        <RibbonButton icon={<ArrowRepeatAll24Regular />} label={t('ribbon.action.restartJob')} onClick={jobActions.restart} disabled={!jobActions.canRestart} />
      </RibbonGroup>
      {jobsWorkspace ? null : <PlanRibbonGroup />}
      {jobsWorkspace ? null : <OptimizeRibbonGroup />}
      <LabRibbonGroup />
      <RibbonGroup label={t('ribbon.group.view')}>
        <LanguageMenu />
        <ThemeMenu />
      </RibbonGroup>
    </>
  );
}

function VmTab() {
  const { t } = useT();
  const actions = useVmActions();
  return (
    <>
      <RibbonGroup label={t('ribbon.group.migrate')}>
        <RibbonButton icon={<DesktopArrowRight24Regular />} label={t('ribbon.action.migrateVm')} onClick={actions.migrateVm} disabled={!actions.canMigrate} />
        <RibbonButton
          icon={<HardDrive24Regular />}
          label={t('ribbon.action.migrateStorage')}
          onClick={actions.migrateStorage}
          disabled={!actions.canMigrateStorage}
        />
      </RibbonGroup>
      <RibbonGroup label={t('ribbon.group.vmState')}>
        <RibbonButton icon={<Play24Regular />} label={t('ribbon.action.start')} onClick={actions.start} disabled={!actions.canStart} />
        <RibbonButton icon={<Power24Regular />} label={t('ribbon.action.shutDown')} later />
      </RibbonGroup>
      <RibbonGroup label={t('ribbon.group.properties')}>
        <RibbonButton
          icon={<Settings24Regular />}
          label={t('ribbon.action.properties')}
          onClick={actions.openProperties}
          disabled={!actions.canOpenProperties}
        />
      </RibbonGroup>
    </>
  );
}

function HostTab() {
  const { t } = useT();
  const hostSettings = useHostSettingsAction();
  return (
    <>
      <MaintenanceRibbonGroup />
      <RibbonGroup label={t('ribbon.group.properties')}>
        <RibbonButton
          icon={<WindowWrench24Regular />}
          label={t('ribbon.action.hyperVSettings')}
          title={hostSettings.forAllHosts ? t('hvs.menu.group') : t('hvs.menu.host')}
          onClick={hostSettings.open}
          disabled={!hostSettings.canOpen}
        />
      </RibbonGroup>
      <ConnectionRibbonGroup />
    </>
  );
}

function TabContent({ tab }: { tab: RibbonTab }) {
  switch (tab) {
    case 'home':
      return <HomeTab />;
    case 'vm':
      return <VmTab />;
    case 'host':
      return <HostTab />;
    default:
      return assertNever(tab);
  }
}

const TAB_LABEL = { home: 'ribbon.tab.home', vm: 'ribbon.tab.vm', host: 'ribbon.tab.host' } as const;

/** The VMM-like ribbon: File menu, tabs Home / Virtual Machine / Host (Home only in the Jobs workspace), and their command groups. */
export function Ribbon() {
  const styles = useStyles();
  const { t } = useT();
  const [chosenTab, setTab] = useState<RibbonTab>('home');
  // The Jobs workspace has only the Home tab (its Jobs group: the workspace, Cancel Job, Restart Job), as in VMM.
  const jobsWorkspace = useAppStore((s) => s.workspace === 'jobs');
  const tabs = jobsWorkspace ? JOBS_WORKSPACE_TABS : TABS;
  const tab = tabs.includes(chosenTab) ? chosenTab : 'home';
  const baseId = useId();
  return (
    <header className={styles.root} aria-label={t('ribbon.label')} data-toast-anchor>
      <div className={styles.strip}>
        <FileMenu />
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={tab}
          onTabSelect={(_e, data) => setTab(data.value as RibbonTab)}
          aria-label={t('ribbon.tabs')}
        >
          {tabs.map((value) => (
            <Tab key={value} value={value} id={`${baseId}-tab-${value}`} aria-controls={`${baseId}-panel`}>
              {t(TAB_LABEL[value])}
            </Tab>
          ))}
        </TabList>
        <HelpMenu />
        {/* The page's one h1: the application's name, at the ribbon's end as in VMM's title bar. */}
        <h1 className={styles.title}>{t('app.title')}</h1>
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${tab}`}>
        <Toolbar className={styles.band} aria-label={t(TAB_LABEL[tab])} size="small">
          <TabContent tab={tab} />
        </Toolbar>
      </div>
    </header>
  );
}
