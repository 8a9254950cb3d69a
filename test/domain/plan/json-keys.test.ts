import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeKeys } from '../../../src/domain/plan/json-keys.js';

const encoder = new TextEncoder();

describe('encodeKeys', () => {
  it('encodes every key as JSON.stringify quotes and escapes it, in UTF-8', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.string({ unit: 'binary', maxLength: 6 }),
            fc.constantFrom('ISS-1', 'a"b', 'a\\b', 'tab\t', '\u007f', 'é', '😀', '\ud800', '\udc00x'),
          ),
          { maxLength: 20 },
        ),
        (keys) => {
          const { bytes, start } = encodeKeys(keys);
          for (let v = 0; v < keys.length; v++)
            expect(bytes.subarray(start[v]!, start[v + 1]!)).toEqual(encoder.encode(JSON.stringify(keys[v])));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('encodes plain keys before and after a key that needs escapes alike', () => {
    const keys = ['ISS-1', 'ISS-2', 'needs "quotes"', 'ISS-3'];
    const { bytes, start, longest } = encodeKeys(keys);
    expect(new TextDecoder().decode(bytes)).toBe(keys.map((k) => JSON.stringify(k)).join(''));
    expect(start.length).toBe(keys.length + 1);
    expect(longest).toBe(JSON.stringify(keys[2]).length);
  });

  it('gives the longest encoded key, quotes included', () => {
    expect(encodeKeys(['a', 'abc', 'ab']).longest).toBe(5);
    expect(encodeKeys(['é']).longest).toBe(4);
    expect(encodeKeys([]).longest).toBe(0);
  });
});
