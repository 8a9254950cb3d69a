import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EncodedKeys, encodeKeys } from '../../../src/domain/plan/json-keys.js';

const encoder = new TextEncoder();

/** Key v's encoded bytes. */
function encoded({ words, span }: EncodedKeys, v: number): Uint8Array {
  return new Uint8Array(words.buffer, 4 * span[2 * v]!, span[2 * v + 1]!);
}

describe('encodeKeys', () => {
  it('encodes every key as JSON.stringify quotes and escapes it, in UTF-8, from a word boundary', () => {
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
          const encodedKeys = encodeKeys(keys);
          for (let v = 0; v < keys.length; v++)
            expect(encoded(encodedKeys, v)).toEqual(encoder.encode(JSON.stringify(keys[v])));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('encodes plain keys before and after a key that needs escapes alike', () => {
    const keys = ['ISS-1', 'ISS-2', 'needs "quotes"', 'ISS-3'];
    const encodedKeys = encodeKeys(keys);
    const decoder = new TextDecoder();
    expect(keys.map((_, v) => decoder.decode(encoded(encodedKeys, v)))).toEqual(
      keys.map((k) => JSON.stringify(k)),
    );
    expect(encodedKeys.longest).toBe(JSON.stringify(keys[2]).length);
  });

  it('gives the longest encoded key, quotes included', () => {
    expect(encodeKeys(['a', 'abc', 'ab']).longest).toBe(5);
    expect(encodeKeys(['é']).longest).toBe(4);
    expect(encodeKeys([]).longest).toBe(0);
  });
});
