import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ownParentMessage,
  parentCycleIfSet,
  parentCycleMessage,
  parentCycles,
} from '../../../src/domain/graph/parent-cycle.js';

const links = (...parents: number[]) => Int32Array.from(parents);

describe('parentCycles', () => {
  it('finds nothing in a forest', () => {
    expect(parentCycles(links(-1, 0, 0, 1, -1, 4))).toEqual([]);
  });

  it('finds nothing without issues', () => {
    expect(parentCycles(links())).toEqual([]);
  });

  it('reports a cycle once, from child to parent, starting where the first walk enters it', () => {
    // 0 -> 1 -> 2 -> 3 -> 1: the walk from 0 enters the cycle at 1.
    expect(parentCycles(links(1, 2, 3, 1))).toEqual([[1, 2, 3, 1]]);
  });

  it('reports each of several cycles, leaving out the issues that merely lead into one', () => {
    expect(parentCycles(links(1, 0, 0, 4, 3, -1, 4))).toEqual([
      [0, 1, 0],
      [3, 4, 3],
    ]);
  });

  it('walks a chain of a million parents without recursion', () => {
    const n = 1_000_000;
    const chain = new Int32Array(n);
    for (let v = 0; v < n; v++) chain[v] = v + 1 < n ? v + 1 : 0;
    const [cycle] = parentCycles(chain);
    expect(cycle).toHaveLength(n + 1);
  });

  it('finds exactly the issues on a cycle, each in one cycle (property)', () => {
    const parentsArb = fc
      .integer({ min: 1, max: 30 })
      .chain((n) => fc.array(fc.integer({ min: -1, max: n - 1 }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(parentsArb, (parents) => {
        const parent = Int32Array.from(parents.map((p, v) => (p === v ? -1 : p)));
        // Oracle: v lies on a cycle when following at most n parents from v comes back to v.
        const onCycle = (v: number) => {
          for (let w = parent[v]!, steps = 0; w !== -1 && steps < parent.length; w = parent[w]!, steps++)
            if (w === v) return true;
          return false;
        };
        const cycles = parentCycles(parent);
        const found = cycles.flatMap((cycle) => cycle.slice(1)).sort((a, b) => a - b);
        const expected = [...parent.keys()].filter(onCycle);
        expect(found).toEqual(expected);
        for (const cycle of cycles) {
          expect(cycle[0]).toBe(cycle.at(-1));
          for (let i = 0; i + 1 < cycle.length; i++) expect(parent[cycle[i]!]).toBe(cycle[i + 1]);
        }
      }),
    );
  });
});

describe('parentCycleIfSet', () => {
  it('answers null when the key is not among the new parent and its ancestors', () => {
    expect(parentCycleIfSet('a', ['c', 'b', 'root'])).toBeNull();
  });

  it('closes the cycle from the key through the new parent up to the key', () => {
    expect(parentCycleIfSet('a', ['c', 'b', 'a', 'root'])).toEqual(['a', 'c', 'b', 'a']);
  });

  it('answers a self parent as the cycle of one issue', () => {
    expect(parentCycleIfSet('a', ['a'])).toEqual(['a', 'a']);
  });
});

describe('parent cycle messages', () => {
  it('name the cycle from child to parent', () => {
    expect(parentCycleMessage(['a', 'b', 'a'])).toBe('parent cycle a -> b -> a');
  });

  it('name an issue given as its own parent', () => {
    expect(ownParentMessage('a')).toBe("issue 'a' cannot be its own parent");
  });
});
