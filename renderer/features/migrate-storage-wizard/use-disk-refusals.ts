import type { Vm } from '../../../shared/model/inventory.js';
import { ok } from '../../../shared/model/result.js';
import { useRequest } from '../../components/use-request.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

/**
 * Which of the VM's shared VHDXs the backend refuses to move now, with its reason: each is asked about on
 * its own (`storage.checkPlan` of that one disk to `probeFolder`), and a `shared-vhdx` answer disables its
 * row. The renderer does not decide it: whether a shared VHDX may move depends on the rules (the VM runs).
 */
export function useDiskRefusals(vm: Vm, probeFolder: string | null): ReadonlyMap<string, string> {
  const wizardRequest = useAppStore((s) => s.wizardRequest);
  const revision = useAppStore((s) => s.snapshot?.revision ?? 0);
  const shared = vm.disks.filter((d) => d.shared).map((d) => d.path);
  const { language, spoken } = useT();
  const key = probeFolder !== null && shared.length > 0 ? JSON.stringify([vm.name, vm.state, revision, probeFolder, shared, language]) : null;
  const request = useRequest(key, async () => {
    const answers = await Promise.all(
      shared.map((path) =>
        wizardRequest('storage.checkPlan', {
          plan: { vm: vm.name, scope: 'per-disk', configurationPath: null, disks: [{ path, destination: probeFolder ?? '' }] },
        }),
      ),
    );
    const refusals: [string, string][] = [];
    answers.forEach((answer, i) => {
      const problem = answer.ok ? answer.value.problems.find((p) => p.code === 'shared-vhdx') : undefined;
      if (problem) refusals.push([shared[i], spoken(problem)]);
    });
    return ok(new Map(refusals));
  });
  return (request.result?.ok ? request.result.value : null) ?? EMPTY;
}

const EMPTY: ReadonlyMap<string, string> = new Map();
