import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytes, jsonText } from '../../../src/domain/plan/json-bytes.js';

/** What `write` wrote, as text. */
function written(keys: string[], chunkBytes: number, write: (w: JsonBytes) => void): string {
  const w = new JsonBytes(keys, chunkBytes);
  write(w);
  return new TextDecoder().decode(w.take());
}

const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'slack 1.5 days',
    'a"b',
    'a\\b',
    'line\nbreak',
    '\u0000',
    'é · ü',
    '😀',
    '\ud800',
    'x\udc00',
  ),
);

describe('JsonBytes', () => {
  it('writes text that is JSON already, whatever its characters, in UTF-8', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(written([], 16, (w) => w.raw(JSON.stringify(s)))).toBe(JSON.stringify(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes keys and lists of keys quoted, comma-separated, whatever the keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyString, { minLength: 1, maxLength: 30 }), fc.nat(), (keys, seed) => {
        const ids = Array.from({ length: 200 }, (_, i) => (seed + i * 7) % keys.length);
        const list = ids.map((v) => JSON.stringify(keys[v])).join(',');
        const text = written(keys, 1 << 20, (w) => {
          w.key(ids[0]!);
          for (let i = 1; i < ids.length; i++) w.listKey(ids[i]!, false);
          w.byte(0x7c);
          for (let i = 0; i < ids.length; ) i = w.keyList(ids, i, ids.length, 0);
        });
        expect(text).toBe(`${list}|${list}`);
      }),
      { numRuns: 300 },
    );
  });

  it('stops a list of keys when the chunk is full, to go on in the next', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `ISS-${i}`);
    const ids = keys.map((_, v) => v);
    const w = new JsonBytes(keys, 256);
    const chunks: string[] = [];
    for (let i = 0; i < ids.length; ) {
      i = w.keyList(ids, i, ids.length, 0);
      if (w.full) chunks.push(new TextDecoder().decode(w.take()));
    }
    chunks.push(new TextDecoder().decode(w.take()));
    expect(chunks.length).toBeGreaterThan(5);
    // At least the chunk size, at most one run of keys (64, each with its comma) past it.
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(256);
      expect(chunk.length).toBeLessThan(256 + 64 * 10);
    }
    expect(chunks.join('')).toBe(keys.map((k) => JSON.stringify(k)).join(','));
  });

  it('grows the chunk for a write larger than its room, losing nothing', () => {
    const big = 'x'.repeat(10_000);
    const text = written(['k'], 8, (w) => {
      w.text(jsonText('['));
      w.raw(JSON.stringify(big));
      w.byte(0x2c);
      w.raw(JSON.stringify(`${big}é😀`));
      w.byte(0x2c);
      w.number(0.1 + 0.2);
      w.byte(0x2c);
      w.key(0);
      w.text(jsonText(']'));
    });
    expect(text).toBe(JSON.stringify([big, `${big}é😀`, 0.1 + 0.2, 'k']));
  });
});
