import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Vm } from '../../../shared/model/inventory.js';
import { assertNever } from '../../../shared/model/result.js';
import { IssueList } from '../../components/IssueList.js';
import { useRequest } from '../../components/use-request.js';
import { WizardShell, WizardVmGone } from '../../components/WizardShell.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';
import type { WizardSession } from '../../store/wizard-slice.js';
import { usePathCheck, useStorageLocations } from '../storage-paths/use-storage-paths.js';
import { MultiVmWizard } from './MultiVmWizard.js';
import { SelectHostPage } from './SelectHostPage.js';
import { placedDisks, storageMovesWith, VM_WIZARD_PAGE_LABEL, vmMigrationArgs, vmWizardPages } from './vm-wizard-draft.js';
import { VmSelectPathPage } from './VmSelectPathPage.js';
import { VmSummaryPage } from './VmSummaryPage.js';

type VmSession = Extract<WizardSession, { kind: 'migrate-vm' }>;

function VmWizard({ session, vm }: { session: VmSession; vm: Vm }) {
  const { t } = useT();
  const draft = session.draft;
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const sourceHost = useAppStore((s) => s.index?.hostByName.get(vm.host.toLowerCase()) ?? null);
  const patch = useAppStore((s) => s.patchVmWizard);
  const close = useAppStore((s) => s.closeWizard);
  const submit = useAppStore((s) => s.submitMigration);
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const [retry, setRetry] = useState(0);
  // The path the current ratings were asked with: it changes only once a typed path is checked.
  const [appliedPath, setAppliedPath] = useState<string | null>(null);
  // Each placed VHD's folder, checked in its row as typed: Next waits for all of them to be valid.
  const [disksOk, setDisksOk] = useState<Readonly<Record<string, boolean>>>({});
  const diskChecked = useCallback((path: string, ok: boolean) => setDisksOk((prev) => (prev[path] === ok ? prev : { ...prev, [path]: ok })), []);

  const onSelectHost = draft.page === 'select-host';
  const pathHost = !onSelectHost && storageMovesWith(draft.transferType) ? draft.host : null;
  const pathState = usePathCheck(pathHost, draft.destinationPath);
  useEffect(() => {
    if (!pathState.pending) setAppliedPath(pathState.check?.valid ? pathState.path : null);
  }, [pathState.pending, pathState.check, pathState.path]);

  const destinationPaths = pathHost !== null && appliedPath !== null ? { [pathHost]: appliedPath } : undefined;
  const ratingsKey = JSON.stringify([vm.name, vm.state, revision, retry, destinationPaths ?? null]);
  // Every host's row without its explanations (an estate may have thousands of hosts), then the current host's row
  // with them: the Rating and Transfer explanations and the Summary read it.
  const ratings = useRequest(ratingsKey, () =>
    wizardRequest('placement.selectHosts', { vm: vm.name, explain: false, ...(destinationPaths ? { destinationPaths } : {}) }),
  );
  const rows = ratings.result?.ok ? ratings.result.value : null;
  const fresh = ratings.resultKey === ratingsKey;
  const leanRow = rows?.find((r) => r.host === draft.host) ?? null;
  const explainKey = fresh && leanRow ? JSON.stringify([ratingsKey, leanRow.host]) : null;
  const explaining = useRequest(explainKey, () =>
    wizardRequest('placement.selectHosts', { vm: vm.name, hosts: [leanRow?.host ?? ''], ...(destinationPaths ? { destinationPaths } : {}) }),
  );
  const explained = explaining.resultKey === explainKey && explaining.result?.ok ? (explaining.result.value[0] ?? null) : null;
  const row = explained && leanRow && explained.host === leanRow.host ? explained : leanRow;

  const transferType = onSelectHost ? (row?.available ? row.transferType : null) : draft.transferType;
  const pages = vmWizardPages(transferType);
  const index = Math.max(0, pages.indexOf(draft.page));
  const locations = useStorageLocations(storageMovesWith(transferType) ? draft.host : null);

  const pathReady =
    !pathState.pending && (pathState.path === '' || pathState.check?.valid === true) && appliedPath === (pathState.path === '' ? null : pathState.path);
  const rowReady = fresh && row !== null && row.available;
  let canNext: boolean;
  switch (draft.page) {
    case 'select-host':
      canNext = rowReady;
      break;
    case 'select-path':
      // A VHD ticked to be placed individually needs a folder its row has checked and found valid.
      canNext = rowReady && pathReady && placedDisks(draft).every((d) => d.destination !== '' && disksOk[d.path] === true);
      break;
    case 'summary':
      canNext = false;
      break;
    default:
      canNext = assertNever(draft.page);
  }

  const next = () => {
    const page = pages[index + 1];
    if (!page || !row) return;
    patch(onSelectHost ? { page, transferType: row.transferType, submitError: null } : { page, submitError: null });
  };
  const move = () => {
    if (row) void submit({ kind: 'vm', ...vmMigrationArgs(vm.name, row.host, draft.transferType, draft) });
  };

  let content;
  switch (draft.page) {
    case 'select-host':
      content = (
        <SelectHostPage
          vm={vm}
          draft={draft}
          rows={rows}
          explained={explained}
          loading={ratings.loading}
          error={ratings.result && !ratings.result.ok ? ratings.result.error : null}
          onRetry={() => setRetry((n) => n + 1)}
        />
      );
      break;
    case 'select-path':
      content = (
        <VmSelectPathPage
          vm={vm}
          draft={draft}
          destination={draft.host ?? ''}
          locations={locations.locations}
          pathState={pathState}
          ratedRow={fresh && pathReady ? row : null}
          onDiskChecked={diskChecked}
        />
      );
      break;
    case 'summary':
      content = row ? (
        <>
          {!row.available ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t('summary.noLongerAvailable', { host: row.host })}</MessageBarTitle>
                <IssueList items={row.reasons} />
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <VmSummaryPage vm={vm} sourceHost={sourceHost} draft={draft} row={row} />
        </>
      ) : null;
      break;
    default:
      content = assertNever(draft.page);
  }

  return (
    <WizardShell
      title={t('vmWizard.title')}
      pages={pages.map((id) => ({ id, label: t(VM_WIZARD_PAGE_LABEL[id]) }))}
      current={draft.page}
      canPrevious={index > 0}
      canNext={canNext}
      canMove={draft.page === 'summary' && rowReady && !draft.submitting}
      moving={draft.submitting}
      onPrevious={() => patch({ page: pages[index - 1], submitError: null })}
      onNext={next}
      onMove={move}
      onCancel={close}
    >
      {content}
    </WizardShell>
  );
}

/** The Migrate VM Wizard (Virtual Machine > Migrate Virtual Machine), when it is open: for one VM, or for several. */
export function MigrateVmWizard() {
  const { t } = useT();
  const session = useAppStore((s) => (s.wizard?.kind === 'migrate-vm' ? s.wizard : null));
  const multi = useAppStore((s) => (s.wizard?.kind === 'migrate-vms' ? s.wizard : null));
  const vm = useAppStore((s) => (session ? (s.index?.vmById.get(session.vmId) ?? null) : null));
  const vmById = useAppStore((s) => s.index?.vmById ?? null);
  const vms = useMemo(() => (multi && vmById ? multi.vmIds.map((id) => vmById.get(id)).filter((v): v is Vm => v !== undefined) : []), [multi, vmById]);
  const close = useAppStore((s) => s.closeWizard);
  if (multi) return vms.length > 0 ? <MultiVmWizard session={multi} vms={vms} /> : <WizardVmGone title={t('vmWizard.title')} onCancel={close} />;
  if (!session) return null;
  if (!vm) return <WizardVmGone title={t('vmWizard.title')} onCancel={close} />;
  return <VmWizard session={session} vm={vm} />;
}
