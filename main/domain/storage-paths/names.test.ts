import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey, sameName } from './names.js';

describe('sameName', () => {
  it('answers as comparing the lower-case keys does, for ASCII, accented, Turkish and Greek names of any length', () => {
    const letter = fc.constantFrom('a', 'A', 'z', 'Z', '-', '0', '9', '_', 'é', 'É', 'İ', 'ı', 'i', 'I', 'Σ', 'σ', 'ς', 'ß', 'ẞ', '\u0307');
    const name = fc.array(letter, { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sameName(a, b)).toBe(nameKey(a) === nameKey(b));
        expect(sameName(a, a.toUpperCase())).toBe(nameKey(a) === nameKey(a.toUpperCase()));
      }),
      { numRuns: 5000 },
    );
  });

  it('ignores case in host and cluster names, and tells different ones apart', () => {
    expect(sameName('HV-MI-01', 'hv-mi-01')).toBe(true);
    expect(sameName('CL-MI-01', 'CL-MI-02')).toBe(false);
    expect(sameName('HV-01', 'HV-010')).toBe(false);
    expect(sameName('CITTÀ', 'città')).toBe(true);
    expect(sameName('', '')).toBe(true);
  });
});
