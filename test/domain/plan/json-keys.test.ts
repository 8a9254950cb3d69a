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

  it('encodes keys read in another order (many keys, as a large plan reads them) each as JSON.stringify does', () => {
    const keys = Array.from({ length: 40_000 }, (_, v) =>
      v === 39_999 ? 'é' : `K-${v}${'x'.repeat(v % 7)}`,
    );
    // Plain keys, then one that needs escapes; each read in another order (a permutation of the ids).
    for (const some of [keys.slice(0, -1), keys]) {
      const readOrder = Int32Array.from(some, (_, i) => (i * 7919) % some.length);
      const encodedKeys = encodeKeys(some, readOrder);
      for (let v = 0; v < some.length; v++)
        expect(encoded(encodedKeys, v)).toEqual(encoder.encode(JSON.stringify(some[v])));
    }
  });

  it('gives the longest encoded key, quotes included', () => {
    expect(encodeKeys(['a', 'abc', 'ab']).longest).toBe(5);
    expect(encodeKeys(['é']).longest).toBe(4);
    expect(encodeKeys([]).longest).toBe(0);
  });
});
