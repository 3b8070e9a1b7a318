import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import type { HostRating } from '../../../shared/model/placement.js';
import { mainItMessages } from '../../../shared/i18n/it.js';
import { renderText, type TextFormatters } from '../../../shared/i18n/text.js';
import { buildPlacementIndex } from './placement-index.js';
import { selectHosts, type PlacementContext } from './select-hosts.js';

// The placement-rule pairs of docs/demo-estate.md, checked against the real demo file (migration-rules.md section 8).
const demo = JSON.parse(readFileSync(new URL('../../../resources/demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;
const index = buildPlacementIndex(demo);

function rows(vm: string, context?: PlacementContext, source: InventoryDocument | typeof index = index): HostRating[] {
  const result = selectHosts(vm, source, context);
  if (!result.ok) throw new Error(`${vm}: ${result.error.message}`);
  return result.value;
}
const row = (vm: string, host: string, context?: PlacementContext): HostRating => {
  const found = rows(vm, context).find((r) => r.host === host);
  if (!found) throw new Error(`${host} is not listed for ${vm}`);
  return found;
};
const codes = (r: HostRating) => r.reasons.map((x) => x.code);
const warningCodes = (r: HostRating) => r.warnings.map((x) => x.code);

describe('Select Host blocking reasons of the placement rules', () => {
  it('not-possible-owner: SQL-PROD-MI-01 to HV-MI-02, a node of CL-MI-22 outside its possible owners', () => {
    const r = row('SQL-PROD-MI-01', 'HV-MI-02');
    expect(codes(r)).toEqual(['not-possible-owner']);
    expect(r).toMatchObject({ available: false, rating: 0, transferType: null });
    expect(r.reasons[0].message).toBe(
      'HV-MI-02 is not a possible owner of SQL-PROD-MI-01 in CL-MI-22 (its possible owners: HV-MI-01 and HV-MI-04): pick one of those nodes, or add HV-MI-02 to the VM’s possible owners.',
    );
    expect(r.ratingExplanation).toContain(r.reasons[0].message);
  });

  it('affinity-rule: EXCH-MI-01 to HV-MI-03, where its DAG partner runs under a required DifferentNode rule', () => {
    const r = row('EXCH-MI-01', 'HV-MI-03');
    expect(codes(r)).toEqual(['affinity-rule']);
    expect(r.reasons[0].message).toBe(
      'HV-MI-03 runs EXCH-MI-02, and affinity rule exch-dag-mi (DifferentNode, required) keeps EXCH-MI-01 on a different node: pick another host.',
    );
  });

  it('affinity-rule comes after the other reasons of a host: DC-MI-02 to HV-MI-01', () => {
    const r = row('DC-MI-02', 'HV-MI-01');
    expect(codes(r)).toEqual(['processor-version-mismatch', 'affinity-rule']);
    expect(r.reasons[1].message).toContain('HV-MI-01 runs DC-MI-01, and affinity rule dc-mi-apart (DifferentNode, required)');
  });

  it('a move the plan already made frees the host: EXCH-MI-02 placed on HV-MI-04 makes HV-MI-03 available to EXCH-MI-01 and blocks HV-MI-04', () => {
    const placed = new Map([['EXCH-MI-02', 'HV-MI-04']]);
    expect(row('EXCH-MI-01', 'HV-MI-03', { placed })).toMatchObject({ available: true, reasons: [] });
    expect(codes(row('EXCH-MI-01', 'HV-MI-04', { placed }))).toEqual(['affinity-rule']);
  });

  it('the sentence reads in Italian from the catalogue', () => {
    const italian: TextFormatters = {
      number: (v) => String(v).replace('.', ','),
      mb: (v) => `${v} MB`,
      gb: (v) => `${v} GB`,
      time: (iso) => iso,
      list: (items) => new Intl.ListFormat('it-IT', { type: 'conjunction' }).format(items),
      plural: (count) => (count === 1 ? 'one' : 'other'),
    };
    const text = row('EXCH-MI-01', 'HV-MI-03').reasons[0].text;
    if (!text) throw new Error('no catalogue sentence');
    expect(renderText(text, mainItMessages, italian)).toBe(
      'HV-MI-03 esegue EXCH-MI-02 e regola di affinità exch-dag-mi (DifferentNode, obbligatoria) mantiene EXCH-MI-01 su un nodo diverso: scegli un altro host.',
    );
  });
});

describe('Select Host warnings and ratings of the placement rules', () => {
  it('availability-set: SQL-TO-03 to HV-TO-01, where SQL-TO-01 of SQL-AG-TO runs; it rates below HV-TO-02, which keeps as much memory', () => {
    const all = rows('SQL-TO-03');
    const to1 = all.find((r) => r.host === 'HV-TO-01') as HostRating;
    const to2 = all.find((r) => r.host === 'HV-TO-02') as HostRating;
    expect(warningCodes(to1)).toEqual(['availability-set']);
    expect(to1.warnings[0].message).toContain('HV-TO-01 runs SQL-TO-01, kept apart from SQL-TO-03 by availability set SQL-AG-TO');
    expect(warningCodes(to2)).toEqual([]);
    expect(to1.available).toBe(true);
    expect(to1.rating).toBeLessThan(to2.rating);
    expect(all.indexOf(to2)).toBeLessThan(all.indexOf(to1));
    expect(to1.ratingExplanation[0]).toMatch(/SQL-TO-01: availability set SQL-AG-TO/);
  });

  it('affinity-split: SAP-CACHE-MI-01 off HV-MI-04, where SAP-APP-PRD-02 runs under a SameNode rule that is not required', () => {
    const r = row('SAP-CACHE-MI-01', 'HV-MI-01');
    expect(warningCodes(r)).toEqual(['affinity-split']);
    expect(r.available).toBe(true);
    expect(r.warnings[0].message).toContain('keeps SAP-CACHE-MI-01 with SAP-APP-PRD-02, which run on HV-MI-04: on HV-MI-01 they would be split');
    expect(r.ratingExplanation[0]).toContain('kept with SAP-APP-PRD-02 on HV-MI-04: affinity rule sap-app-with-cache (SameNode, not required)');
  });

  it('not-preferred-owner: SQL-PROD-MI-01 to HV-MI-04 is half a star below its headroom rating', () => {
    const r = row('SQL-PROD-MI-01', 'HV-MI-04');
    expect(warningCodes(r)).toEqual(['not-preferred-owner']);
    const headroom = Number(/^([\d.]+) of 5 stars, from the headroom/.exec(r.ratingExplanation[1])?.[1]);
    expect(r.rating).toBe(headroom - 0.5);
    expect(r.ratingExplanation[0]).toBe(`Half a star less, ${r.rating} of 5 stars: HV-MI-04 is not one of SQL-PROD-MI-01’s preferred owners (HV-MI-01).`);
  });

  it('VMs without rules rate as before: the same rows with and without the rules in the estate', () => {
    const bare: InventoryDocument = {
      ...demo,
      affinityRules: undefined,
      vms: demo.vms.map(({ possibleOwners: _p, preferredOwners: _o, availabilitySets: _s, ...vm }) => vm),
    };
    // Fresh indexes on both sides: an index remembers per-version example hosts in the order VMs ask.
    for (const vm of ['WEB-RM-01', 'Fatturazione-Roma', 'Magazzino-Torino'])
      expect(JSON.parse(JSON.stringify(rows(vm, {}, demo)))).toEqual(JSON.parse(JSON.stringify(rows(vm, {}, bare))));
  });
});
