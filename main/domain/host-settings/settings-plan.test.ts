import { english, text } from '../../../shared/i18n/text.js';
import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { describeSettingsDiff, planSettingsChange, withHostSettings } from './settings-plan.js';
import { formatSettingsProblem } from './settings-rules.js';

describe('planning a settings change', () => {
  it('gives each host its settings before and after, and what differs', () => {
    const doc = minimalInventory();
    const plan = planSettingsChange(doc.hosts.slice(0, 2), { maxLive: 4, performanceOption: 'Compression' });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.plans.map((p) => [p.host, p.after.maxLive, p.changed])).toEqual([
      ['HV-MI-11', 4, ['maxLive']],
      ['HV-MI-12', 4, ['maxLive']],
    ]);
  });

  it('refuses the whole change when it is invalid for one host of several, naming that host', () => {
    const doc = minimalInventory();
    doc.hosts[1].liveMigration = { ...doc.hosts[1].liveMigration, useAnyNetwork: true, networks: [] };
    const plan = planSettingsChange(doc.hosts, { useAnyNetwork: false });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map(formatSettingsProblem)).toEqual([
      'HV-MI-12: networks: is empty: add at least one IP address or subnet, or use any available network (useAnyNetwork)',
    ]);
  });

  it('describes what changed in words the admin reads, and nothing when nothing did', () => {
    const before = minimalInventory().hosts[0].liveMigration;
    expect(english(describeSettingsDiff(before, { ...before, maxLive: 3, networks: ['fd00::/64'] }) ?? text('list'))).toBe(
      'simultaneous live migrations 2 → 3 and migration networks [10.20.0.0/24] → [fd00::/64]',
    );
    expect(describeSettingsDiff(before, before)).toBeNull();
  });

  it('updates an inventory document, sharing the records it did not change', () => {
    const doc = minimalInventory();
    const next = withHostSettings(doc, [{ host: 'hv-mi-20', settings: { ...doc.hosts[2].liveMigration, enabled: false } }]);
    expect(next?.hosts[2].liveMigration.enabled).toBe(false);
    expect(next?.hosts[0]).toBe(doc.hosts[0]);
    expect(doc.hosts[2].liveMigration.enabled).toBe(true);
    expect(withHostSettings(doc, [{ host: 'HV-NOPE', settings: doc.hosts[0].liveMigration }])).toBeNull();
  });
});
