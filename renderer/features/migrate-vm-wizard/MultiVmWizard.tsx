import { useMemo, useState } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { useRequest } from '../../components/use-request.js';
import { WizardShell } from '../../components/WizardShell.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import type { WizardSession } from '../../store/wizard-slice.js';
import { multiVmPlanRequest, type MultiVmWizardPage } from './multi-vm-wizard-draft.js';
import { VM_WIZARD_PAGE_LABEL } from './vm-wizard-draft.js';
import { MultiSelectHostPage } from './MultiSelectHostPage.js';
import { MultiVmSummaryPage } from './MultiVmSummaryPage.js';

const PAGES: readonly MultiVmWizardPage[] = ['select-host', 'summary'];

type MultiVmSession = Extract<WizardSession, { kind: 'migrate-vms' }>;

/**
 * The Migrate VM Wizard for several VMs: Select Host proposes a destination per VM (`plan.create`, asked
 * again whenever a row, "Pin all to host…" or the inventory changes), Summary shows the plan, and Move
 * runs it as one job group (`plan.run`).
 */
export function MultiVmWizard({ session, vms }: { session: MultiVmSession; vms: readonly Vm[] }) {
  const { t } = useT();
  const draft = session.draft;
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const hosts = useAppStore((s) => s.index?.inventory.hosts ?? null);
  const patch = useAppStore((s) => s.patchMultiVmWizard);
  const close = useAppStore((s) => s.closeWizard);
  const submitPlan = useAppStore((s) => s.submitPlan);
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const [retry, setRetry] = useState(0);

  const names = useMemo(() => vms.map((vm) => vm.name), [vms]);
  const request = useMemo(() => multiVmPlanRequest(names, draft), [names, draft]);
  const planKey = JSON.stringify([request, revision, retry]);
  const planned = useRequest(planKey, () => wizardRequest('plan.create', { request }));
  const plan = planned.result?.ok ? planned.result.value : null;
  const fresh = planned.resultKey === planKey;
  const ready = fresh && plan !== null && plan.moves.length > 0;
  const index = PAGES.indexOf(draft.page);

  let content;
  switch (draft.page) {
    case 'select-host':
      content = (
        <MultiSelectHostPage
          vms={vms}
          hosts={hosts ?? []}
          draft={draft}
          plan={plan}
          loading={planned.loading}
          error={planned.result && !planned.result.ok ? planned.result.error : null}
          onRetry={() => setRetry((n) => n + 1)}
        />
      );
      break;
    case 'summary':
      content = plan ? <MultiVmSummaryPage request={request} plan={plan} submitError={draft.submitError} /> : null;
      break;
    default:
      content = assertNever(draft.page);
  }

  return (
    <WizardShell
      title={t('vmWizard.title')}
      pages={PAGES.map((id) => ({ id, label: t(VM_WIZARD_PAGE_LABEL[id]) }))}
      current={draft.page}
      canPrevious={index > 0}
      canNext={draft.page === 'select-host' && ready}
      canMove={draft.page === 'summary' && ready && !draft.submitting}
      moving={draft.submitting}
      onPrevious={() => patch({ page: PAGES[index - 1], submitError: null })}
      onNext={() => patch({ page: PAGES[index + 1], submitError: null })}
      onMove={() => void submitPlan(request)}
      onCancel={close}
    >
      {content}
    </WizardShell>
  );
}
