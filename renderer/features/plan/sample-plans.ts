import type { Plan, PlannedMove, PlanRequest, PlanRun, PlanWhatIf, UnmovableVm } from '../../../shared/model/plan.js';
import { jobGroup, plannedMove } from '../../testing/plan-answers.js';
import { makeMoveJob } from '../../testing/sample-jobs.js';

/** A planned move for tests: a live move that converges, from `start` to `end`, with the patch applied. */
export function makePlannedMove(id: string, vm: string, from: string, to: string, start: number, end: number, patch: Partial<PlannedMove> = {}): PlannedMove {
  return plannedMove(id, vm, from, to, {
    start,
    end,
    downtime: 0.12,
    convergence: 'pre-copy converged in 3 passes: 40 MB left, copied with the VM paused for 120 ms',
    ...patch,
  });
}

/** The sentence of a move that never converges, with what to change. */
export const NEVER_CONVERGES = 'pre-copy does not converge: web-01 dirties 1.4 GB/s, faster than the 1.2 GB/s link; use Compression or cap its dirty rate';

const DC_REASONS: UnmovableVm['reasons'] = [
  { code: 'processor-vendor-mismatch', message: 'Intel to AMD: shut the VM down to move it.' },
  { code: 'no-capacity-left', message: 'No host has 4 GB of memory left once the moves before it are counted.' },
];

/**
 * A plan of the sample estate (renderer/testing/sample-inventory.ts): SQL-PROD-01 and web-01 leave
 * HV-MI-11 for HV-MI-12 one after the other (web-01 never converges); DC-MI-01 cannot move (an evacuation
 * saved with Save state keeps it, saved); an evacuation's ARCHIVE-MI-01 is off and stays. The VMM
 * baseline what-if doubles the window; a limit of 1 on HV-MI-11 adds a minute.
 */
export function samplePlan(request: PlanRequest = { kind: 'vms', vms: ['SQL-PROD-01', 'web-01', 'DC-MI-01'], to: 'auto' }, whatIf: PlanWhatIf = {}): Plan {
  const scale = whatIf.naive ? 2 : 1;
  const extra = whatIf.limits?.['HV-MI-11']?.live === 1 ? 60 : 0;
  const evacuate = request.kind === 'evacuate';
  return {
    request,
    whatIf,
    moves: [
      makePlannedMove('m1', 'SQL-PROD-01', 'HV-MI-11', 'HV-MI-12', 0, 40 * scale, {
        rule: { code: 'availability-set', message: 'kept apart from DC-MI-01: availability set SQL-DC' },
      }),
      makePlannedMove('m2', 'web-01', 'HV-MI-11', whatIf.performanceOption === 'SMB' ? 'HV-MI-20' : 'HV-MI-12', 40 * scale, 60 * scale + extra, {
        risk: 'never',
        convergence: NEVER_CONVERGES,
        follows: ['m1'],
      }),
    ],
    unmovable:
      evacuate && request.cannotMove === 'save'
        ? []
        : [
            {
              vm: 'DC-MI-01',
              host: 'HV-MI-20',
              reasons: DC_REASONS,
              action: evacuate ? 'leave' : null,
            },
          ],
    staying: evacuate
      ? [
          ...(request.cannotMove === 'save'
            ? [
                {
                  vm: 'DC-MI-01',
                  host: 'HV-MI-20',
                  reason: {
                    code: 'saved-by-plan' as const,
                    message: 'DC-MI-01 is saved on HV-MI-20 instead of moving (Save state), because it can’t move: Intel to AMD.',
                  },
                  because: DC_REASONS,
                },
              ]
            : []),
          {
            vm: 'ARCHIVE-MI-01',
            host: 'HV-MI-20',
            reason: { code: 'not-running' as const, message: 'ARCHIVE-MI-01 is off and not highly available: it stays on HV-MI-20 with its files.' },
            because: [],
          },
        ]
      : [],
    saves: evacuate && request.cannotMove === 'save' ? [{ vm: 'DC-MI-01', host: 'HV-MI-20', start: 0, end: 12 }] : [],
    makespan: 60 * scale + extra,
    lowerBound: 50,
    lowerBoundBasis: 'HV-MI-11 must send 48 GB over its 10 Gbps link',
    lanes: [
      { host: 'HV-MI-11', kind: 'live', slot: 1, moves: ['m1', 'm2'] },
      { host: 'HV-MI-12', kind: 'live', slot: 1, moves: ['m1', 'm2'] },
    ],
    warnings: [{ code: 'not-converging', vm: 'web-01', message: `web-01: ${NEVER_CONVERGES}.` }],
  };
}

/** What `plan.run` answers for a plan: a group, the plan, and a queued job per move. */
export function sampleRun(plan: Plan, groupId = 'g1'): PlanRun {
  const jobs = plan.moves.map((m, i) => ({ ...makeMoveJob(`job-${i + 1}`, m.vm, m.from, m.to), status: 'Queued' as const, progress: 0, groupId }));
  const evacuate = plan.request.kind === 'evacuate' ? plan.request.host : null;
  const group = jobGroup(groupId, evacuate ? `Start maintenance mode on ${evacuate}` : `Run plan: migrate ${plan.moves.length} VMs`, jobs, {
    kind: evacuate ? 'maintenance' : 'plan',
    target: evacuate ?? `${plan.moves.length} VMs`,
    createdAt: '2026-11-20T10:00:00Z',
    makespan: plan.makespan,
    lowerBound: plan.lowerBound,
  });
  return { group, plan, jobs };
}
