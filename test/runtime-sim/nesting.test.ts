import { describe, expect, it } from 'vitest';
import { MAX_NESTING, NESTED_TOO_DEEP, pathNestedTooDeep } from '../../src/runtime-sim/index.js';

describe('pathNestedTooDeep', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(pathNestedTooDeep({ a: [1, { b: 'x' }] }, 3)).toBeNull();
    expect(pathNestedTooDeep({ a: [1, { b: {} }] }, 3)).toBe('a[1].b');
    expect(pathNestedTooDeep('text', 0)).toBeNull();
    expect(pathNestedTooDeep(undefined, 0)).toBeNull();
  });

  it('names the first value too deep in document order', () => {
    expect(pathNestedTooDeep({ a: { ok: 1 }, b: [[{}], [[]]] }, 3)).toBe('b[0][0]');
    expect(pathNestedTooDeep([], 0)).toBe('');
  });

  it('walks a very deep value without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(pathNestedTooDeep(deep, MAX_NESTING)).not.toBeNull();
  });

  it('says how deep is too deep in one message', () => {
    expect(NESTED_TOO_DEEP).toBe(`nested more than ${MAX_NESTING} levels deep`);
  });
});
