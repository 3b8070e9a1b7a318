import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Vm } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { useDebouncedValue } from '../../components/use-debounced-value.js';
import { useRequest } from '../../components/use-request.js';
import { WizardShell, WizardVmGone } from '../../components/WizardShell.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import type { WizardSession } from '../../store/wizard-slice.js';
import { PATH_CHECK_DELAY_MS, usePathCheck, useStorageLocations } from '../storage-paths/use-storage-paths.js';
import { StorageSelectPathPage } from './StorageSelectPathPage.js';
import { StorageSummaryPage } from './StorageSummaryPage.js';
import { buildStoragePlan, type StorageWizardPage } from './storage-wizard-draft.js';
import { useDiskRefusals } from './use-disk-refusals.js';

const PAGES: readonly StorageWizardPage[] = ['select-path', 'summary'];

/** The label of each page, as VMM names them. */
export const STORAGE_WIZARD_PAGE_LABEL: Record<StorageWizardPage, MessageKey> = {
  'select-path': 'wizard.page.selectPath',
  summary: 'wizard.page.summary',
};

type StorageSession = Extract<WizardSession, { kind: 'migrate-storage' }>;

function StorageWizard({ session, vm }: { session: StorageSession; vm: Vm }) {
  const { t } = useT();
  const draft = session.draft;
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const patch = useAppStore((s) => s.patchStorageWizard);
  const close = useAppStore((s) => s.closeWizard);
  const submit = useAppStore((s) => s.submitMigration);
  const wizardRequest = useAppStore((s) => s.wizardRequest);

  const { locations, error: locationsError } = useStorageLocations(vm.host);
  const locationState = usePathCheck(vm.host, draft.location);
  const refusals = useDiskRefusals(vm, locations[0]?.path ?? null);

  const plan = buildStoragePlan(vm, draft);
  const planKey = plan ? JSON.stringify([plan, vm.state, revision]) : null;
  const settledKey = useDebouncedValue(planKey, PATH_CHECK_DELAY_MS);
  const checking = useRequest(settledKey === planKey ? settledKey : null, () => wizardRequest('storage.checkPlan', { plan: plan! }));
  const answered = planKey !== null && checking.resultKey === planKey ? checking.result : null;
  const check = answered?.ok ? answered.value : null;
  const ready = plan !== null && check !== null && check.valid;

  const index = PAGES.indexOf(draft.page);
  let content;
  switch (draft.page) {
    case 'select-path':
      content = (
        <>
          {locationsError || (answered && !answered.ok) ? (
            <MessageBar intent="error">
              <MessageBarBody>
                {t('storagePath.checkFailed', { message: (locationsError ?? (answered && !answered.ok ? answered.error : null))?.message ?? '' })}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <StorageSelectPathPage vm={vm} draft={draft} locations={locations} locationState={locationState} refusals={refusals} check={check} />
        </>
      );
      break;
    case 'summary':
      content = plan && check ? <StorageSummaryPage vm={vm} draft={draft} plan={plan} check={check} /> : null;
      break;
    default:
      content = assertNever(draft.page);
  }

  return (
    <WizardShell
      title={t('storageWizard.title')}
      pages={PAGES.map((id) => ({ id, label: t(STORAGE_WIZARD_PAGE_LABEL[id]) }))}
      current={draft.page}
      canPrevious={index > 0}
      canNext={draft.page === 'select-path' && ready}
      canMove={draft.page === 'summary' && ready && !draft.submitting}
      moving={draft.submitting}
      onPrevious={() => patch({ page: PAGES[index - 1], submitError: null })}
      onNext={() => patch({ page: PAGES[index + 1], submitError: null })}
      onMove={() => plan && void submit({ kind: 'storage', plan, ...(draft.addToDefaults ? { addToDefaults: true } : {}) })}
      onCancel={close}
    >
      {content}
    </WizardShell>
  );
}

/** The Migrate Storage Wizard (Virtual Machine > Migrate Storage), when it is open. */
export function MigrateStorageWizard() {
  const { t } = useT();
  const session = useAppStore((s) => (s.wizard?.kind === 'migrate-storage' ? s.wizard : null));
  const vm = useAppStore((s) => (session ? (s.index?.vmById.get(session.vmId) ?? null) : null));
  const close = useAppStore((s) => s.closeWizard);
  if (!session) return null;
  if (!vm) return <WizardVmGone title={t('storageWizard.title')} onCancel={close} />;
  return <StorageWizard session={session} vm={vm} />;
}
