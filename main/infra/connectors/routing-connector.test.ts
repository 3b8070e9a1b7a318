import { describe, expect, it } from 'vitest';
import type { ConnectorKind } from '../../../shared/model/connection.js';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { ManualConnector } from '../../../test/fixtures/manual-connector.js';
import type { MoveRequest } from '../../domain/connector/host-connector.js';
import { RoutingConnector } from './routing-connector.js';

const doc = minimalInventory();
doc.hostGroups.push('All Hosts/Torino');
doc.hosts[2] = { ...doc.hosts[2], hostGroup: 'All Hosts/Torino' };

function routing(kinds: Record<string, ConnectorKind>) {
  const simulator = new ManualConnector();
  const hyperv = new ManualConnector();
  const r = new RoutingConnector(
    () => doc,
    (h) => kinds[h.hostGroup] ?? 'simulator',
    { simulator, hyperv, qemu: new ManualConnector() },
  );
  return { r, simulator, hyperv };
}

const request: MoveRequest = {
  jobId: 'j',
  kind: 'live',
  vm: 'SQL-PROD-01',
  sourceHost: 'HV-MI-11',
  destinationHost: 'HV-MI-12',
  performanceOption: 'Compression',
  destinationPath: null,
  diskDestinations: null,
  configurationPath: null,
};

describe('the routing connector', () => {
  it('sends a group nobody set to the simulator', () => {
    const { r, simulator, hyperv } = routing({});
    r.moveStart(request, () => undefined);
    expect([simulator.moves.length, hyperv.moves.length]).toEqual([1, 0]);
  });

  it("sends a Hyper-V group's moves to the Hyper-V connector", () => {
    const { r, simulator, hyperv } = routing({ 'All Hosts/Milano': 'hyperv' });
    r.moveStart(request, () => undefined);
    expect([simulator.moves.length, hyperv.moves.length]).toEqual([0, 1]);
    expect(r.kindFor('hv-mi-11')).toBe('hyperv');
    expect(r.kindFor('HV-MI-20')).toBe('simulator');
  });

  it('fails a move between a simulated host and a real one, saying why', async () => {
    const { r } = routing({ 'All Hosts/Milano': 'hyperv' });
    const outcome = await r.moveStart({ ...request, vm: 'WEB-01', sourceHost: 'HV-MI-20', destinationHost: 'HV-MI-11' }, () => undefined).done;
    expect(outcome).toMatchObject({
      status: 'failed',
      vmHost: 'HV-MI-20',
      problem: expect.stringMatching(/through the simulator .* through the Hyper-V connector: a VM cannot move between hosts of different kinds/),
    });
  });
});
