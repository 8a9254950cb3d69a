import { describe, expect, it } from 'vitest';
import { focusSet, pathToGoal, searchIssues } from '../../src/web/graph-focus.js';

type TestIssue = { key: string; title: string; blockedBy: string[]; blocks: string[] };
// a -> b -> d, a -> c -> d, d -> e; x unrelated. The schedule: c is longer than b (critical a-c-d-e).
function project() {
  const edges: [string, string][] = [
    ['b', 'a'],
    ['c', 'a'],
    ['d', 'b'],
    ['d', 'c'],
    ['e', 'd'],
  ];
  const keys = ['a', 'b', 'c', 'd', 'e', 'x'];
  const byKey = new Map<string, TestIssue>(
    keys.map((key) => [
      key,
      {
        key,
        title: `Issue ${key.toUpperCase()}`,
        blockedBy: edges.filter(([i]) => i === key).map(([, b]) => b),
        blocks: edges.filter(([, b]) => b === key).map(([i]) => i),
      },
    ]),
  );
  const entry = (es: number, ef: number, slack: number) => ({
    earliestStart: es,
    earliestFinish: ef,
    latestStart: es + slack,
    latestFinish: ef + slack,
    slack,
  });
  const plan = {
    schedule: {
      a: entry(0, 1, 0),
      b: entry(1, 2, 2),
      c: entry(1, 4, 0),
      d: entry(4, 5, 0),
      e: entry(5, 6, 0),
      x: entry(0, 1, 5),
    },
  };
  return { byKey, plan };
}

describe('searchIssues', () => {
  const issues = [
    { key: 'gil-2', title: 'Per-interpreter GIL' },
    { key: 'gil', title: 'Other' },
    { key: 'obmalloc', title: 'Allocator, not the gil' },
    { key: 'agility', title: 'x' },
  ];
  it('ranks an exact key, then key prefixes, key substrings, then titles', () => {
    expect(searchIssues(issues, 'GIL').map((i) => i.key)).toEqual(['gil', 'gil-2', 'agility', 'obmalloc']);
  });
  it('finds nothing for a blank query', () => {
    expect(searchIssues(issues, '  ')).toEqual([]);
  });
});

describe('focusSet', () => {
  const { byKey, plan } = project();
  it('holds the issue, its transitive blockers and what it transitively blocks', () => {
    expect([...focusSet('b', 'both', byKey, plan)].sort()).toEqual(['a', 'b', 'd', 'e']);
  });
  it('holds only one side when asked', () => {
    expect([...focusSet('d', 'upstream', byKey, plan)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...focusSet('b', 'downstream', byKey, plan)].sort()).toEqual(['b', 'd', 'e']);
  });
});

describe('pathToGoal', () => {
  const { byKey, plan } = project();
  it('follows the blocker that finishes last upstream and the least slack downstream', () => {
    expect(pathToGoal('d', byKey, plan)).toEqual(['a', 'c', 'd', 'e']);
    expect(pathToGoal('b', byKey, plan)).toEqual(['a', 'b', 'd', 'e']);
  });
  it('is the issue alone when nothing is around it', () => {
    expect(pathToGoal('x', byKey, plan)).toEqual(['x']);
  });
});
