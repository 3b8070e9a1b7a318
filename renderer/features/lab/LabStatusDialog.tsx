import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, BeakerAdd20Regular, BeakerDismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import type { LabStatus } from '../../../shared/model/lab.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import { DetailsSection, Property, PropertyList } from '../details/PropertyList.js';
import { LabHostsTable, LabVmsTable } from './LabTables.js';

/** How often an open dialog reads a running lab's status again (heartbeats, moves). */
const POLL_MS = 3000;

const useStyles = makeStyles({
  surface: { width: 'min(1040px, 94vw)', maxWidth: 'min(1040px, 94vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  intro: { color: tokens.colorNeutralForeground2 },
  message: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  progress: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  step: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  empty: { color: tokens.colorNeutralForeground3 },
  facts: { maxWidth: '640px' },
});

/** Start or stop in flight: a spinner with what it does, and the lab job's bar and current step as it reports them. */
function LabProgress({ action }: { action: 'starting' | 'stopping' }) {
  const styles = useStyles();
  const { t, formatNumber } = useT();
  const job = useAppStore((s) => s.jobs.find((j) => j.kind === 'lab' && j.status === 'Running') ?? null);
  const step = job?.steps.find((s) => s.status === 'Running') ?? null;
  return (
    <div className={styles.progress} role="status">
      <Spinner size="tiny" labelPosition="after" label={action === 'starting' ? t('lab.starting') : t('lab.stopping')} />
      {job ? (
        <>
          <ProgressBar value={job.progress} max={100} aria-label={t('lab.progressOf', { name: job.name })} />
          {step ? <Text className={styles.step}>{t('lab.step', { step: step.name, percent: formatNumber(job.progress) })}</Text> : null}
        </>
      ) : (
        <ProgressBar aria-label={action === 'starting' ? t('lab.starting') : t('lab.stopping')} />
      )}
    </div>
  );
}

/** The lab's facts: whether it runs and since when, QEMU's version, its folder and processes. */
function LabFacts({ status }: { status: LabStatus }) {
  const styles = useStyles();
  const { t, formatDateTime, formatNumber } = useT();
  return (
    <DetailsSection title={t('lab.section.lab')}>
      <div className={styles.facts}>
        <PropertyList>
          <Property label={t('lab.state')}>
            {status.running ? t('lab.state.running', { time: formatDateTime(status.startedAt) }) : t('lab.state.stopped')}
          </Property>
          <Property label={t('lab.qemu')}>{status.qemu}</Property>
          <Property label={t('lab.folder')}>
            <span className={styles.mono}>{status.root}</span>
          </Property>
          <Property label={t('lab.processes')}>{formatNumber(status.processes)}</Property>
        </PropertyList>
      </div>
    </DetailsSection>
  );
}

/** Why the last start, stop or status read failed, in full: QEMU's install hint, which VM did not boot. */
function LabErrorBar() {
  const styles = useStyles();
  const { t, spoken } = useT();
  const error = useAppStore((s) => s.labError);
  if (!error) return null;
  const key = error.action === 'start' ? 'lab.startFailed' : error.action === 'stop' ? 'lab.stopFailed' : 'lab.statusFailed';
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody className={styles.message}>{t(key, { message: spoken(error.error) })}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Home > Lab Status: the QEMU lab's hosts and VMs (where each runs, its process, heartbeat, memory,
 * dirty rate and memory check), QEMU's version and the lab's folder, with Start Lab and Stop Lab. While
 * a start or stop runs it shows its progress; an open dialog reads a running lab again every few seconds.
 */
export function LabStatusDialog() {
  const styles = useStyles();
  const { t } = useT();
  const open = useAppStore((s) => s.labDialogOpen);
  const status = useAppStore((s) => s.labStatus);
  const loading = useAppStore((s) => s.labStatusLoading);
  const action = useAppStore((s) => s.labAction);
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const close = useAppStore((s) => s.closeLabStatus);
  const load = useAppStore((s) => s.labStatusLoad);
  const start = useAppStore((s) => s.labStart);
  const stop = useAppStore((s) => s.labStop);
  const running = status?.running === true;

  // A move between lab hosts changes the inventory: show at once where its VM is now.
  const seenRevision = useRef(revision);
  useEffect(() => {
    if (revision === seenRevision.current) return;
    seenRevision.current = revision;
    if (open && action === null) void load();
  }, [open, action, revision, load]);

  useEffect(() => {
    if (!open || !running || action !== null) return undefined;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [open, running, action, load]);

  const qemuUnusable = status !== null && status.qemu.startsWith('not usable');
  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && close()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('lab.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1 className={styles.intro}>{t('lab.intro')}</Body1>
            <LabErrorBar />
            {qemuUnusable ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody className={styles.message}>{t('lab.qemuWarning', { qemu: status.qemu })}</MessageBarBody>
              </MessageBar>
            ) : null}
            {action ? <LabProgress action={action} /> : null}
            {status === null ? (
              loading ? (
                <Spinner size="small" label={t('lab.loading')} />
              ) : null
            ) : (
              <>
                {running && !status.inInventory ? (
                  <MessageBar intent="info" layout="multiline">
                    <MessageBarBody>{t('lab.notInInventory')}</MessageBarBody>
                  </MessageBar>
                ) : null}
                <LabFacts status={status} />
                {status.hosts.length > 0 || status.vms.length > 0 ? (
                  <>
                    <DetailsSection title={t('lab.hosts')}>
                      <LabHostsTable hosts={status.hosts} />
                    </DetailsSection>
                    <DetailsSection title={t('lab.vms')}>
                      <LabVmsTable vms={status.vms} />
                    </DetailsSection>
                  </>
                ) : action === null ? (
                  <Text className={styles.empty}>{t('lab.empty')}</Text>
                ) : null}
              </>
            )}
          </DialogContent>
          <DialogActions fluid>
            {/* Focusable while off, so a start, a stop or a poll never takes the keyboard focus away. */}
            <Button icon={<ArrowClockwise20Regular />} disabledFocusable={action !== null} onClick={() => void load()}>
              {t('lab.refresh')}
            </Button>
            <Button
              appearance={running ? 'secondary' : 'primary'}
              icon={<BeakerAdd20Regular />}
              disabledFocusable={action !== null}
              onClick={() => void start()}
            >
              {t('lab.start')}
            </Button>
            <Button
              icon={<BeakerDismiss20Regular />}
              disabledFocusable={action !== null || (status !== null && !running && !status.inInventory)}
              onClick={() => void stop()}
            >
              {t('lab.stop')}
            </Button>
            <Button appearance={running ? 'primary' : 'secondary'} onClick={close}>
              {t('common.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
