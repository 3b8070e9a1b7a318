import { describe, expect, it } from 'vitest';
import { validateRequest } from './validate.js';

describe('the hostSettings channels', () => {
  it('take a host, a host group or a cluster, and a change with the format’s names', () => {
    for (const target of [{ host: 'HV-RM-02' }, { hostGroup: 'All Hosts/Roma' }, { cluster: 'CL-TO-19' }]) {
      expect(validateRequest('hostSettings.apply', { target, change: { maxLive: 3, networks: ['10.0.0.0/24'] } }).ok).toBe(true);
    }
    expect(validateRequest('hostSettings.get', { host: 'HV-RM-02' }).ok).toBe(true);
  });

  it('refuse a setting the format does not have, a wrong type, or two targets at once, naming the field', () => {
    const bad = (args: unknown) => {
      const r = validateRequest('hostSettings.apply', args);
      return r.ok ? null : r.error.code;
    };
    expect(bad({ target: { host: 'HV-RM-02' }, change: { maxlive: 3 } })).toBe('bad-request');
    expect(bad({ target: { host: 'HV-RM-02' }, change: { enabled: 'yes' } })).toBe('bad-request');
    expect(bad({ target: { host: 'HV-RM-02' }, change: { performanceOption: 'RDMA' } })).toBe('bad-request');
    expect(bad({ target: { host: 'HV-RM-02', cluster: 'CL-TO-19' }, change: { maxLive: 3 } })).toBe('bad-request');
    expect(bad({ target: {}, change: {} })).toBe('bad-request');
  });

  it('leave ranges and addresses to the settings rules, so the reasons are the dialog’s', () => {
    expect(validateRequest('hostSettings.apply', { target: { host: 'HV-RM-02' }, change: { maxLive: 0, networks: ['10.0.0.300/24'] } }).ok).toBe(true);
  });
});
