import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestingTooDeep } from './json-error-position.js';

/** The plain reading, character by character: the reference the fast scan must agree with. */
function nestingTooDeepSlowly(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '"') break;
      }
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return -1;
}

describe('nestingTooDeep', () => {
  it('finds the bracket that goes past the limit', () => {
    expect(nestingTooDeep('[[[1]]]', 2)).toBe(2);
    expect(nestingTooDeep('{"a":[{"b":[]}]}', 4)).toBe(-1);
    expect(nestingTooDeep('{"a":[{"b":[]}]}', 3)).toBe(11);
  });

  it('does not count brackets inside strings, escaped quotes and backslashes included', () => {
    expect(nestingTooDeep('["[[[", "\\"[[[", "\\\\", [1]]', 1)).toBe(23);
    expect(nestingTooDeep('["\\\\\\"[[["]', 1)).toBe(-1);
  });

  it('stops at a string that never ends', () => {
    expect(nestingTooDeep('["[[[[', 1)).toBe(-1);
  });

  it('agrees with the plain reading on any text of brackets, quotes and backslashes', () => {
    const text = fc.array(fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' ', ':'), { maxLength: 60 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 6 }), (t, limit) => {
        expect(nestingTooDeep(t, limit)).toBe(nestingTooDeepSlowly(t, limit));
      }),
      { numRuns: 5000 },
    );
  });
});
