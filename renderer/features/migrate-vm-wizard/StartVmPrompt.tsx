import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { Play16Regular } from '@fluentui/react-icons';
import { useRef, type ReactNode } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import type { Job } from '../../../shared/model/job.js';
import { useT } from '../../i18n/use-translator.js';
import { jobErrorWords } from '../jobs/job-words.js';
import { useAppStore } from '../../store/store-context.js';
import { vmNeedsStartForLive, type VmWizardDraft } from './vm-wizard-draft.js';

const useStyles = makeStyles({
  region: { outlineStyle: 'none' },
  progress: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Props of the prompt's message. */
interface PromptMessageProps {
  vm: Vm;
  draft: VmWizardDraft;
  job: Job | null;
  onStart: () => void;
  onDecline: () => void;
}

function PromptMessage({ vm, draft, job, onStart, onDecline }: PromptMessageProps) {
  const styles = useStyles();
  const translator = useT();
  const { t } = translator;
  const stateText = t(`vmState.${vm.state}`);
  const startButton = (
    <Button appearance="primary" size="small" icon={<Play16Regular />} onClick={onStart}>
      {t('startPrompt.start', { vm: vm.name })}
    </Button>
  );
  // Failed, and not running yet: a title, what happened, and the choice of starting the VM or going on without.
  const choice = (intent: 'error' | 'warning', title: string, body: ReactNode) => (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {body}
      </MessageBarBody>
      <MessageBarActions>
        {startButton}
        <Button size="small" onClick={onDecline}>
          {t('startPrompt.continue')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
  if (!vmNeedsStartForLive(vm.state)) {
    return (
      <MessageBar intent="success">
        <MessageBarBody>{t('startPrompt.started', { vm: vm.name })}</MessageBarBody>
      </MessageBar>
    );
  }
  if (draft.startError || job?.status === 'Failed' || job?.status === 'Canceled') {
    const problem = draft.startError
      ? translator.spoken(draft.startError)
      : job?.error
        ? jobErrorWords(job.error, translator).problem
        : t(`jobStatus.${job?.status ?? 'Failed'}`);
    return choice(
      'error',
      t('startPrompt.failed', { vm: vm.name }),
      <>
        {problem}
        {job?.error ? ` ${jobErrorWords(job.error, translator).recommendedAction}` : ''}
      </>,
    );
  }
  if (draft.startJobId !== null) {
    return (
      <MessageBar intent="info">
        <MessageBarBody className={styles.progress}>
          <Spinner size="extra-tiny" />
          {t('startPrompt.starting', { vm: vm.name, status: t(`jobStatus.${job?.status ?? 'Queued'}`) })}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (draft.startDeclined) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('startPrompt.declined', { vm: vm.name, state: stateText })}</MessageBarBody>
        <MessageBarActions>{startButton}</MessageBarActions>
      </MessageBar>
    );
  }
  return choice('warning', t('startPrompt.title'), t('startPrompt.body', { vm: vm.name, state: stateText }));
}

/**
 * The not-running prompt on Select Host: a live migration needs a running VM, so the wizard offers to
 * start it first (a Start job) or to go on with the transfer types that do not need it running. Once the
 * job has run and the inventory shows the VM running, the ratings below are fetched again, now live.
 */
export function StartVmPrompt({ vm, draft }: { vm: Vm; draft: VmWizardDraft }) {
  const styles = useStyles();
  const startVm = useAppStore((s) => s.startVm);
  const patch = useAppStore((s) => s.patchVmWizard);
  const job = useAppStore((s) => (draft.startJobId ? (s.jobs.find((j) => j.id === draft.startJobId) ?? null) : null));
  const regionRef = useRef<HTMLDivElement>(null);
  if (!vmNeedsStartForLive(vm.state) && draft.startJobId === null) return null;
  const start = async () => {
    // The button goes away with the prompt: keep focus in the wizard, on the message that replaces it.
    regionRef.current?.focus();
    patch({ startError: null, startDeclined: false, startJobId: null });
    const result = await startVm(vm.name);
    patch(result.ok ? { startJobId: result.value.id } : { startError: result.error });
  };
  return (
    <div ref={regionRef} tabIndex={-1} className={styles.region}>
      <PromptMessage
        vm={vm}
        draft={draft}
        job={job}
        onStart={() => void start()}
        onDecline={() => patch({ startDeclined: true, startError: null, startJobId: null })}
      />
    </div>
  );
}
