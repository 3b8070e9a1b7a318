import { describe, expect, it } from 'vitest';
import type { Host, Vm } from '../../../shared/model/inventory.js';
import { haAfterMove, haAfterMoveSentence } from './ha-after-move.js';

const host = (name: string, cluster: string | null) => ({ name, cluster }) as Host;
const sql = { name: 'SQL-01', highlyAvailable: true } as Vm;
const mi1 = host('HV-MI-01', 'CL-MI-01');
const mi2 = host('HV-MI-02', 'CL-MI-01');
const to1 = host('HV-TO-01', 'CL-02');
const standalone = host('HV-RM-01', null);

describe('haAfterMove', () => {
  it('a highly available VM moved to another cluster is highly available there, and the job says so', () => {
    const ha = haAfterMove(sql, mi1, to1, 'live-vsm');
    expect(ha).toEqual({ kind: 'joins-cluster', cluster: 'CL-02' });
    expect(haAfterMoveSentence('SQL-01', ha)?.message).toBe('SQL-01 is highly available in CL-02');
  });

  it('only a move to a standalone host leaves it not highly available, with how to make it so again', () => {
    const ha = haAfterMove(sql, mi1, standalone, 'network');
    expect(ha).toEqual({ kind: 'leaves-cluster', host: 'HV-RM-01' });
    expect(haAfterMoveSentence('SQL-01', ha)?.message).toMatch(
      /^SQL-01 is no longer highly available: HV-RM-01 is a standalone host\. To make it highly available again/,
    );
  });

  it('changes nothing within one cluster, for a storage move, or for a VM that was not highly available', () => {
    expect(haAfterMove(sql, mi1, mi2, 'live')).toEqual({ kind: 'unchanged' });
    expect(haAfterMove(sql, mi1, mi1, 'storage')).toEqual({ kind: 'unchanged' });
    expect(haAfterMove({ ...sql, highlyAvailable: false }, standalone, to1, 'live-vsm')).toEqual({ kind: 'unchanged' });
    expect(haAfterMoveSentence('SQL-01', { kind: 'unchanged' })).toBeNull();
  });
});
