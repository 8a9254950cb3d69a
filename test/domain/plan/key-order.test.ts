import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOrder } from '../../../src/domain/plan/key-order.js';

const sortedByPermutation = (keys: string[]) => [...keyOrder(keys)].map((i) => keys[i]!);
const byCodeUnits = (keys: string[]) => [...keys].sort();

describe('keyOrder', () => {
  it('sorts keys with a shared prefix by code units, shorter first on ties', () => {
    const keys = ['ISS-10', 'ISS-9', 'ISS-1', 'ISS-100', 'ISS-09'];
    expect(sortedByPermutation(keys)).toEqual(['ISS-09', 'ISS-1', 'ISS-10', 'ISS-100', 'ISS-9']);
  });

  it('finishes keys longer than the radix digits by comparison', () => {
    const keys = ['project-issue-0000000000b', 'project-issue-0000000000a', 'project-issue-00000000001'];
    expect(sortedByPermutation(keys)).toEqual(byCodeUnits(keys));
  });

  it('keeps equal keys in input order', () => {
    expect([...keyOrder(['b', 'a', 'b', 'a'])]).toEqual([1, 3, 0, 2]);
  });

  it('handles characters beyond U+00FF', () => {
    const keys = ['é-2', 'ä-1', '日本-3', 'a', '😀', 'ä-0'];
    expect(sortedByPermutation(keys)).toEqual(byCodeUnits(keys));
  });

  it('handles empty and single inputs, and the empty key', () => {
    expect([...keyOrder([])]).toEqual([]);
    expect([...keyOrder(['x'])]).toEqual([0]);
    expect(sortedByPermutation(['b', '', 'a'])).toEqual(['', 'a', 'b']);
  });

  it('agrees with Array.prototype.sort on any keys', () => {
    const char = fc.constantFrom('a', 'b', 'A', '-', '0', '9', 'é', '\u0100', '\uffff', '\u0000');
    const key = fc.array(char, { maxLength: 14 }).map((cs) => cs.join(''));
    const prefixed = fc.tuple(fc.constantFrom('', 'ISS-', 'bpo-'), key).map(([p, k]) => p + k);
    fc.assert(
      fc.property(fc.array(prefixed, { maxLength: 40 }), (keys) => {
        expect(sortedByPermutation(keys)).toEqual(byCodeUnits(keys));
      }),
      { numRuns: 500 },
    );
  });
});
