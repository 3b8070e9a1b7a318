import { describe, expect, it } from 'vitest';
import { makeHost } from '../../testing/sample-inventory.js';
import { checkDraft, networkAdd, networkMove, networkRemove, newDraft, touch } from './hyperv-settings-draft.js';

const a = makeHost({ name: 'HV-A', hostGroup: 'All Hosts/Lab' });
const b = makeHost({ name: 'HV-B', hostGroup: 'All Hosts/Lab', liveMigration: { ...a.liveMigration, maxLive: 4, networks: ['10.9.0.0/16'] } });

describe('the Hyper-V Settings draft', () => {
  it('starts from the values the hosts share, blank where they differ', () => {
    const draft = newDraft([a, b]);
    expect(draft).toMatchObject({
      enabled: true,
      maxLive: '',
      maxStorage: '2',
      performanceOption: 'Compression',
      networks: [],
      networksMixed: true,
      touched: [],
    });
    expect(newDraft([a]).networks.map((r) => r.text)).toEqual(['10.20.0.0/24']);
  });

  it('sends only touched settings that some host does not already have', () => {
    let draft = touch(newDraft([a, b]), ['maxStorage', 'maxLive'], { maxStorage: '2', maxLive: '4' });
    expect(checkDraft(draft, [a, b]).change).toEqual({ maxLive: 4 });
    draft = touch(draft, ['maxLive'], { maxLive: '2' });
    expect(checkDraft(draft, [a]).change).toEqual({});
  });

  it('adds, moves and removes network entries, keeping the selection on the moved one', () => {
    let draft = newDraft([a]);
    draft = networkAdd(draft);
    draft = { ...draft, networks: draft.networks.map((r, i) => (i === 1 ? { ...r, text: 'fd00::/64' } : r)) };
    const moved = draft.selectedNetwork;
    draft = networkMove(draft, -1);
    expect(draft.networks.map((r) => r.text)).toEqual(['fd00::/64', '10.20.0.0/24']);
    expect(draft.selectedNetwork).toBe(moved);
    expect(networkMove(draft, -1)).toBe(draft);
    draft = networkRemove(draft);
    expect(draft.networks.map((r) => r.text)).toEqual(['10.20.0.0/24']);
    expect(draft.selectedNetwork).toBe(draft.networks[0].id);
    expect(checkDraft(draft, [a]).change).toEqual({});
  });

  it('puts each problem on its field, its networks entry and its page', () => {
    let draft = networkAdd(newDraft([a]));
    draft = touch(draft, ['maxStorage'], { maxStorage: '0' });
    const check = checkDraft(draft, [a]);
    expect(check.problems.map((p) => p.path)).toEqual(['maxStorage', 'networks[1]']);
    expect(check.byField.get('maxStorage')?.[0].code).toBe('out-of-range');
    expect(check.entries.get(draft.networks[1].id)?.code).toBe('empty-entry');
    expect([...check.pages].sort()).toEqual(['live', 'storage']);
  });

  it('names the host a change would leave without a way in, for several hosts', () => {
    const open = makeHost({ name: 'HV-C', hostGroup: 'All Hosts/Lab', liveMigration: { ...a.liveMigration, useAnyNetwork: true, networks: [] } });
    const draft = touch(newDraft([a, open]), ['useAnyNetwork'], { useAnyNetwork: false });
    expect(checkDraft(draft, [a, open]).problems.map((p) => [p.host, p.code])).toEqual([['HV-C', 'networks-required']]);
  });
});
