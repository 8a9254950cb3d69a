import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/domain/errors.js';
import { transitiveBlockers } from '../../../src/domain/plan/transitive-blockers.js';
import type { PlanInput } from '../../../src/domain/plan/types.js';
import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

describe('transitive blockers', () => {
  const input: PlanInput = {
    issues: [planIssue('a'), planIssue('b'), planIssue('c'), planIssue('d', 'done'), planIssue('e')],
    edges: [
      { issue: 'a', blockedBy: 'b' },
      { issue: 'b', blockedBy: 'c' },
      { issue: 'a', blockedBy: 'c' },
      { issue: 'a', blockedBy: 'd' },
      { issue: 'd', blockedBy: 'e' },
    ],
  };

  it('lists every open blocker upstream with a shortest path, by distance then key', () => {
    expect(transitiveBlockers(input, 'a')).toEqual({
      key: 'a',
      blockers: [
        { key: 'b', distance: 1, path: ['a', 'b'] },
        { key: 'c', distance: 1, path: ['a', 'c'] },
      ],
    });
  });

  it('goes no further than a finished issue', () => {
    expect(transitiveBlockers(input, 'd').blockers).toEqual([{ key: 'e', distance: 1, path: ['d', 'e'] }]);
    expect(transitiveBlockers(input, 'a').blockers.map((b) => b.key)).not.toContain('e');
  });

  it('refuses an unknown issue', () => {
    expect(() => transitiveBlockers(input, 'zz')).toThrow(NotFoundError);
  });

  it('finds exactly the open issues reachable through open issues, each with a real shortest path', () => {
    fc.assert(
      fc.property(
        projectArbitrary().filter((p) => p.issues.length > 0),
        fc.nat(),
        (input, pick) => {
          const key = input.issues[pick % input.issues.length]!.key;
          const oracle = new Oracle(input);
          const { blockers } = transitiveBlockers(input, key);
          const expected = oracle.keys.filter(
            (k) => oracle.isOpen(k) && oracle.reaches(key, k, { openOnly: true }),
          );
          expect(blockers.map((b) => b.key).sort()).toEqual(expected.sort());
          for (const b of blockers) {
            expect(b.path[0]).toBe(key);
            expect(b.path.at(-1)).toBe(b.key);
            expect(b.path).toHaveLength(b.distance + 1);
            for (let i = 0; i + 1 < b.path.length; i++)
              expect(oracle.blockers.get(b.path[i]!)!.has(b.path[i + 1]!)).toBe(true);
          }
          for (let i = 0; i + 1 < blockers.length; i++)
            expect(blockers[i]!.distance).toBeLessThanOrEqual(blockers[i + 1]!.distance);
        },
      ),
      { numRuns: 300 },
    );
  });
});
