import { describe, expect, it } from 'vitest';
import { mainItMessages } from './it.js';
import { english, plural, renderText, text, PLAIN_ENGLISH_FORMAT } from './text.js';

// The refresh job's summary counts in words that agree with their numbers ("1 cluster", not "1 clusters").
describe('result.refreshed', () => {
  const summary = (hosts: number, clusters: number, vms: number) =>
    text('result.refreshed', {
      hosts: plural('result.refreshed.hosts', hosts),
      clusters: plural('result.refreshed.clusters', clusters),
      vms: plural('result.refreshed.vms', vms),
      group: 'All Hosts/Milano',
      unreachable: '',
    });

  it('says one cluster and one VM in the singular, and many in the plural', () => {
    expect(english(summary(3, 1, 1))).toBe('Read 3 hosts, 1 cluster and 1 VM from All Hosts/Milano');
    expect(english(summary(1, 2, 40))).toBe('Read 1 host, 2 clusters and 40 VMs from All Hosts/Milano');
  });

  it('reads in Italian', () => {
    expect(renderText(summary(3, 1, 1), mainItMessages, PLAIN_ENGLISH_FORMAT)).toBe('Lettura di All Hosts/Milano completata: 3 host, 1 cluster e 1 VM');
  });
});
