import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../shared/model/inventory.js';
import { createTranslator } from '../../i18n/translator.js';
import { csvLabel } from './csv-label.js';

const en = createTranslator('en', 'en-US');
const it_ = createTranslator('it', 'it-IT');
const cluster = (name: string): Cluster => ({
  name,
  hostGroup: 'All Hosts',
  functionalLevel: 11,
  maxParallelMigrations: null,
  sharedVolumes: [{ path: 'C:\\ClusterStorage\\Volume1', capacityGB: 1000, freeGB: 500 }],
});

describe('csvLabel', () => {
  it('names the cluster of a path on one of its shared volumes, the volume itself or a folder under it, ignoring case', () => {
    expect(csvLabel(en, 'C:\\ClusterStorage\\Volume1', cluster('CL-MI-01'))).toBe('C:\\ClusterStorage\\Volume1 (CL-MI-01)');
    expect(csvLabel(en, 'c:\\clusterstorage\\volume1\\SQL-01\\Virtual Hard Disks\\os.vhdx', cluster('CL-02'))).toBe(
      'c:\\clusterstorage\\volume1\\SQL-01\\Virtual Hard Disks\\os.vhdx (CL-02)',
    );
    expect(csvLabel(it_, 'C:\\ClusterStorage\\Volume1', cluster('CL-MI-01'))).toBe('C:\\ClusterStorage\\Volume1 (CL-MI-01)');
  });

  it('leaves other paths as they are: another volume, a name that only starts alike, no cluster', () => {
    expect(csvLabel(en, 'D:\\VMs', cluster('CL-MI-01'))).toBe('D:\\VMs');
    expect(csvLabel(en, 'C:\\ClusterStorage\\Volume10', cluster('CL-MI-01'))).toBe('C:\\ClusterStorage\\Volume10');
    expect(csvLabel(en, 'C:\\ClusterStorage\\Volume1', null)).toBe('C:\\ClusterStorage\\Volume1');
  });
});
