import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyIndex, positionOf } from '../../../src/domain/plan/key-index.js';

describe('keyIndex', () => {
  it('finds each key at its first position and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }), fc.string(), (keys, probe) => {
        const index = keyIndex(keys);
        for (const key of keys) expect(positionOf(index, key)).toBe(keys.indexOf(key));
        expect(positionOf(index, probe)).toBe(keys.indexOf(probe));
        expect(index.repeated).toBe(keys.length - new Set(keys).size);
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart many keys that differ in one character', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `ISS-${i}`);
    const index = keyIndex(keys);
    expect(keys.every((key, i) => positionOf(index, key) === i)).toBe(true);
    expect(positionOf(index, 'ISS-5000')).toBe(-1);
    expect(index.repeated).toBe(0);
  });
});
