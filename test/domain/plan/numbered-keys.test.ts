import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberedId, numberedKeys } from '../../../src/domain/plan/numbered-keys.js';

const ordered = (keys: string[]) => {
  const numbered = numberedKeys(keys);
  if (numbered === null) throw new Error('expected numbered keys');
  return [...numbered.order].map((i) => keys[i]!);
};

describe('numberedKeys', () => {
  it('orders numbered keys by code units, as Array.prototype.sort does', () => {
    const keys = ['ISS-9', 'ISS-10', 'ISS-0', 'ISS-100', 'ISS-1', 'ISS-19', 'ISS-2', 'ISS-20'];
    expect(ordered(keys)).toEqual([...keys].sort());
  });

  it('agrees with Array.prototype.sort on any set of numbered keys', () => {
    const prefix = fc.constantFrom('', 'ISS-', 'bpo-', 'A1-', 'x');
    const numbers = fc.uniqueArray(fc.nat({ max: 1023 }), { minLength: 2, maxLength: 300 });
    fc.assert(
      fc.property(prefix, numbers, (p, xs) => {
        const keys = xs.map((x) => `${p}${x}`);
        expect(ordered(keys)).toEqual([...keys].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with Array.prototype.sort on keys given sorted, or sorted but for two swapped', () => {
    const prefix = fc.constantFrom('', 'ISS-', 'A1-');
    const numbers = fc.uniqueArray(fc.nat({ max: 1023 }), { minLength: 2, maxLength: 300 });
    fc.assert(
      fc.property(prefix, numbers, fc.nat(), fc.boolean(), (p, xs, at, swap) => {
        const keys = xs.map((x) => `${p}${x}`).sort();
        const i = at % (keys.length - 1);
        if (swap) [keys[i], keys[i + 1]] = [keys[i + 1]!, keys[i]!];
        expect(ordered(keys)).toEqual([...keys].sort());
        const numbered = numberedKeys(keys)!;
        for (const key of keys) expect(numbered.order[numberedId(numbered, key)]).toBe(keys.indexOf(key));
      }),
      { numRuns: 300 },
    );
  });

  it('finds each key at its rank in key order, and only keys spelled exactly', () => {
    const numbered = numberedKeys(['ISS-7', 'ISS-12', 'ISS-0'])!;
    expect(['ISS-0', 'ISS-12', 'ISS-7'].map((k) => numberedId(numbered, k))).toEqual([0, 1, 2]);
    for (const absent of [
      'ISS-07',
      'ISS-00',
      'ISS-13',
      'ISS-',
      'ISS',
      'XSS-7',
      'ISS-7 ',
      'ISS-1e1',
      'ISS-9999999999',
    ])
      expect(numberedId(numbered, absent)).toBe(-1);
  });

  it('takes the digits the common prefix ends with as part of the numbers', () => {
    const numbered = numberedKeys(['ISS-12', 'ISS-13'])!;
    expect(numbered.prefix).toBe('ISS-');
    expect(numberedId(numbered, 'ISS-13')).toBe(1);
    expect(numberedId(numbered, 'ISS-1')).toBe(-1);
  });

  it('declines keys that do not all start with the first key less its digits', () => {
    expect(numberedKeys(['ISS-1', 'BUG-2'])).toBeNull();
    expect(numberedKeys(['AB1', 'A2'])).toBeNull();
    expect(numberedKeys(['A1', '12'])).toBeNull();
    expect(numberedKeys(['12', 'A1'])).toBeNull();
    expect(numberedKeys(['A1B2', 'A1B3'])?.prefix).toBe('A1B');
  });

  it('declines keys it cannot number: other forms, leading zeros, repeats, sparse or few numbers', () => {
    expect(numberedKeys(['ISS-1', 'ISS-a'])).toBeNull();
    expect(numberedKeys(['ISS-1', 'ISS-01'])).toBeNull();
    expect(numberedKeys(['ISS-1', 'ISS-2', 'ISS-1'])).toBeNull();
    expect(numberedKeys(['ISS-1', 'ISS-1000000'])).toBeNull();
    expect(numberedKeys(['ISS-1'])).toBeNull();
    expect(numberedKeys(['ISS-1', 'ISS-1234567890'])).toBeNull();
  });
});
