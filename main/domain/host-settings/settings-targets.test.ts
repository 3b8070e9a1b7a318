import { describe, expect, it } from 'vitest';
import { minimalInventory } from '../../../test/fixtures/minimal-inventory.js';
import { resolveSettingsTarget } from './settings-targets.js';

function estate() {
  const doc = minimalInventory();
  doc.hostGroups.push('All Hosts/Milano/Lab', 'All Hosts/Empty');
  doc.hosts[2].hostGroup = 'All Hosts/Milano/Lab';
  return doc;
}

const hostsOf = (r: ReturnType<typeof resolveSettingsTarget>) => (r.ok ? r.value.hosts.map((h) => h.name) : r.error.code);

describe('what a settings change applies to', () => {
  it('one host, named ignoring case', () => {
    expect(resolveSettingsTarget({ host: 'hv-mi-20' }, estate())).toMatchObject({ ok: true, value: { kind: 'host', name: 'HV-MI-20' } });
  });

  it('every node of a cluster', () => {
    expect(hostsOf(resolveSettingsTarget({ cluster: 'cl-mi-22' }, estate()))).toEqual(['HV-MI-11', 'HV-MI-12']);
  });

  it('every host under a host group, its sub-groups too; All Hosts is every host', () => {
    expect(hostsOf(resolveSettingsTarget({ hostGroup: 'All Hosts/Milano' }, estate()))).toEqual(['HV-MI-11', 'HV-MI-12', 'HV-MI-20']);
    expect(hostsOf(resolveSettingsTarget({ hostGroup: 'milano/lab' }, estate()))).toEqual(['HV-MI-20']);
    expect(hostsOf(resolveSettingsTarget({ hostGroup: 'All Hosts' }, estate()))).toEqual(['HV-MI-11', 'HV-MI-12', 'HV-MI-20']);
    expect(resolveSettingsTarget({ hostGroup: 'milano/lab' }, estate())).toMatchObject({ ok: true, value: { name: 'All Hosts/Milano/Lab' } });
  });

  it('says which name it does not know, and when a group has no hosts', () => {
    expect(hostsOf(resolveSettingsTarget({ host: 'HV-NOPE' }, estate()))).toBe('host-not-found');
    expect(hostsOf(resolveSettingsTarget({ cluster: 'CL-NOPE' }, estate()))).toBe('cluster-not-found');
    expect(hostsOf(resolveSettingsTarget({ hostGroup: 'All Hosts/Napoli' }, estate()))).toBe('host-group-not-found');
    expect(hostsOf(resolveSettingsTarget({ hostGroup: 'All Hosts/Empty' }, estate()))).toBe('no-hosts');
    // "Mil" is not "Milano": groups match by whole segments.
    expect(hostsOf(resolveSettingsTarget({ hostGroup: 'All Hosts/Mil' }, estate()))).toBe('host-group-not-found');
  });
});
