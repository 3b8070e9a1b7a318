import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../main/services/app-services.js';
import { demoDatabasePerTest, ferryRun, ferryStart, waitUntil } from '../fixtures/ferry-process.js';

// A queued move checked again when its turn comes (migration-rules.md section 10), across real processes on
// one real database file: a headless Ferry app runs the moves, `ferry` commands queue them, and another
// process puts the destination into maintenance mode while the last one waits.

const LONG = 120_000;
const estate = demoDatabasePerTest('ferry-start-check-');

describe('a move queued by one process, its destination changed by another', () => {
  it(
    'fails with maintenance-mode when its turn comes, and the VM stays where it was',
    async () => {
      const app = ferryStart(['serve', '--db', estate.path, '--port', '0', '--speed', '0.1']);
      await app.waitForStdout(/Ferry console: http:\/\/127\.0\.0\.1:\d+\//, LONG);
      const id = async (vm: string): Promise<string> => {
        const r = await ferryRun(['migrate', vm, '--to', 'HV-TO-01', '--db', estate.path]);
        expect(r.code).toBe(0);
        return /^Queued job ([0-9a-f-]{36})/.exec(r.stdout)?.[1] as string;
      };
      // Slow moves (a tenth of real time, the two largest VMs), so the first two still run when the destination changes.
      // HV-TO-03 and HV-TO-01 take two live migrations at a time: the third waits for a slot.
      const first = await id('SQL-TO-03');
      const second = await id('ERP-TO-APP-02');
      const third = await id('GW-AS400-TO-01');
      await waitUntil(
        'two moves running and the third waiting',
        () => estate.view.job(third)?.waitingFor?.startsWith('waiting for a live-migration slot') === true,
        {
          timeoutMs: LONG,
        },
      );

      // Another process puts the destination into maintenance mode.
      const other = await createAppServices({ databasePath: estate.path });
      expect(other.inventory.maintenanceSet('HV-TO-01', true)).toBe(true);
      await other.close();

      // The running moves are canceled (a third process); the slots free up and the third one's turn comes.
      for (const job of [first, second]) expect((await ferryRun(['cancel', job.slice(0, 8), '--db', estate.path])).code).toBe(0);
      await waitUntil('the third move to end', () => ['Failed', 'Completed', 'Canceled'].includes(estate.view.job(third)?.status ?? ''), { timeoutMs: LONG });
      expect(estate.view.job(third)).toMatchObject({
        status: 'Failed',
        error: { code: 'maintenance-mode', problem: expect.stringContaining('HV-TO-01') as string },
      });
      const inventory = JSON.parse((await ferryRun(['inventory', '--json', '--db', estate.path])).stdout) as { vms: { name: string; host: string }[] };
      expect(inventory.vms.find((v) => v.name === 'GW-AS400-TO-01')?.host).toBe('HV-TO-03');
      expect(await app.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    },
    LONG * 2,
  );
});
