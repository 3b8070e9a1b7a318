import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InventoryDocument } from '../../../shared/model/inventory.js';
import { movePredict } from './move-prediction.js';

const demo = JSON.parse(readFileSync(new URL('../../../resources/demo-inventory.json', import.meta.url), 'utf8')) as InventoryDocument;
const vm = (name: string) => demo.vms.find((v) => v.name === name)!;
const host = (name: string) => demo.hosts.find((h) => h.name === name)!;

describe('movePredict', () => {
  it('predicts a live move’s duration and a pause of the VM', () => {
    const p = movePredict({ kind: 'live', performanceOption: 'Compression', diskDestinations: null }, vm('WEB-MI-01'), host('HV-MI-02'), host('HV-TO-01'));
    expect(p.durationSeconds).toBeGreaterThan(0);
    expect(p.downtimeMs).toBeGreaterThan(0);
  });

  it('predicts no pause for a storage move, and a longer copy for all disks than for one', () => {
    const all = movePredict({ kind: 'storage', performanceOption: 'Compression', diskDestinations: null }, vm('WEB-MI-01'), host('HV-MI-02'), host('HV-MI-02'));
    const one = movePredict(
      { kind: 'storage', performanceOption: 'Compression', diskDestinations: { [vm('WEB-MI-01').disks[1].path.toUpperCase()]: 'D:\\VMs' } },
      vm('WEB-MI-01'),
      host('HV-MI-02'),
      host('HV-MI-02'),
    );
    expect(all.downtimeMs).toBeNull();
    expect(one.durationSeconds).toBeLessThan(all.durationSeconds);
  });
});
