import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { english } from '../../../shared/i18n/text.js';
import type { RuleFinding } from './placement-rules.js';
import { rateRules, type RuleRatingInput } from './rule-rating.js';

const apart: RuleFinding = {
  code: 'availability-set',
  blocking: false,
  vm: 'SQL-02',
  host: 'HV-1',
  rule: { kind: 'availability-set', name: 'SQL-AG' },
  vms: ['SQL-01'],
};
const split: RuleFinding = {
  ...apart,
  code: 'affinity-split',
  rule: { kind: 'affinity-rule', name: 'app-cache', type: 'SameNode', required: false },
  togetherOn: 'HV-9',
};
const notPreferred: RuleFinding = { ...apart, code: 'not-preferred-owner', rule: { kind: 'preferred-owners', owners: ['HV-3'], cluster: 'CL' }, vms: [] };

const host = (name: string, rating: number, freeAfterMB: number, findings: RuleFinding[] = []): RuleRatingInput => ({
  host: name,
  rating,
  freeAfterMB,
  findings,
});

describe('rateRules (migration-rules.md section 8)', () => {
  it('leaves ratings alone when no host has a rule finding', () => {
    expect(rateRules([host('A', 3, 1000), host('B', 4, 2000)])).toEqual([
      { rating: 3, explanation: [] },
      { rating: 4, explanation: [] },
    ]);
  });

  it('not-preferred-owner lowers a rating by half a star, never below 0.5, and says so naming the preferred owners', () => {
    const [a, b] = rateRules([host('HV-1', 3, 1000, [{ ...notPreferred, host: 'HV-1' }]), host('HV-2', 0.5, 1000, [{ ...notPreferred, host: 'HV-2' }])]);
    expect(a.rating).toBe(2.5);
    expect(b.rating).toBe(0.5);
    expect(english(a.explanation[0])).toBe('Half a star less, 2.5 of 5 stars: HV-1 is not one of SQL-02’s preferred owners (HV-3).');
  });

  it('an availability-set host rates strictly below a clean host that keeps as much free memory, naming the VMs and the rule', () => {
    const [flagged, clean] = rateRules([host('HV-1', 4, 5000, [apart]), host('HV-2', 3, 5000)]);
    expect(clean.rating).toBe(3);
    expect(flagged.rating).toBe(2.5);
    expect(english(flagged.explanation[0])).toContain('Lowered to 2.5 of 5 stars');
    expect(english(flagged.explanation[0])).toContain('kept apart from SQL-01: availability set SQL-AG');
  });

  it('does not lower a flagged host for a clean host that keeps less free memory', () => {
    const [flagged] = rateRules([host('HV-1', 4, 9000, [split]), host('HV-2', 3, 5000)]);
    expect(flagged.rating).toBe(4);
    expect(english(flagged.explanation[0])).toMatch(/^4 of 5 stars: on HV-1 the VM would not be where its rules want it \(kept with SQL-01 on HV-9/);
  });

  it('raises a clean host at 0.5 to 1 when a flagged host would otherwise have to go below 0.5', () => {
    const [flagged, clean] = rateRules([host('HV-1', 0.5, 100, [apart]), host('HV-2', 0.5, 200)]);
    expect(flagged.rating).toBe(0.5);
    expect(clean.rating).toBe(1);
    expect(english(clean.explanation[0])).toMatch(/^Raised to 1 of 5 stars/);
  });

  it('holds the order on any set of hosts (property)', () => {
    const rating = fc.integer({ min: 1, max: 10 }).map((n) => n / 2);
    const findings = fc.constantFrom<RuleFinding[]>([], [apart], [split], [notPreferred], [apart, notPreferred]);
    fc.assert(
      fc.property(fc.array(fc.record({ rating, free: fc.integer({ min: 0, max: 20 }), findings }), { minLength: 1, maxLength: 12 }), (rows) => {
        const inputs = rows.map((r, i) => host(`H${i}`, r.rating, r.free * 1024, r.findings));
        const out = rateRules(inputs);
        const flagged = (i: number) => inputs[i].findings.some((f) => f.code === 'availability-set' || f.code === 'affinity-split');
        out.forEach((o, i) => {
          expect(o.rating).toBeGreaterThanOrEqual(0.5);
          expect(o.rating).toBeLessThanOrEqual(5);
          expect(o.rating * 2).toBe(Math.round(o.rating * 2));
          if (!flagged(i)) return;
          out.forEach((c, j) => {
            if (!flagged(j) && inputs[j].freeAfterMB >= inputs[i].freeAfterMB) expect(o.rating).toBeLessThan(c.rating);
          });
        });
      }),
    );
  });
});
