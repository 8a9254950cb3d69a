import { describe, expect, it } from 'vitest';
import { buildGraph, parentKeys } from '../../src/web/graph-model.js';

type TestIssue = { key: string; title: string; status: string; parent: string | null; blockedBy: string[] };
const issue = (
  key: string,
  blockedBy: string[] = [],
  parent: string | null = null,
  status = 'open',
): TestIssue => ({
  key,
  title: `Issue ${key}`,
  status,
  parent,
  blockedBy,
});
const plan = (
  ready: string[],
  critical: string[],
  blocked: { key: string; blockedBy: string[]; rootBlockers: string[] }[] = [],
) => ({
  ready,
  blocked,
  criticalPath: { keys: critical, lengthDays: critical.length },
});

describe('buildGraph', () => {
  const issues = [issue('a'), issue('b', ['a']), issue('c', ['a']), issue('d', ['b', 'c'])];
  const p = plan(
    ['a'],
    ['a', 'b', 'd'],
    [
      { key: 'b', blockedBy: ['a'], rootBlockers: ['a'] },
      { key: 'c', blockedBy: ['a'], rootBlockers: ['a'] },
      { key: 'd', blockedBy: ['b', 'c'], rootBlockers: ['a'] },
    ],
  );

  it('draws one node per issue and one edge from each blocker to what it blocks', () => {
    const g = buildGraph(issues, p);
    expect(g.nodes.map((n) => n.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(g.edges.map((e) => e.id).sort()).toEqual(['a->b', 'a->c', 'b->d', 'c->d']);
  });

  it('marks ready and critical nodes, critical edges only between consecutive critical keys', () => {
    const g = buildGraph(issues, p);
    expect(g.nodes.filter((n) => n.ready).map((n) => n.key)).toEqual(['a']);
    expect(g.nodes.filter((n) => n.critical).map((n) => n.key)).toEqual(['a', 'b', 'd']);
    expect(g.edges.filter((e) => e.critical).map((e) => e.id)).toEqual(['a->b', 'b->d']);
    expect(g.nodes.find((n) => n.key === 'd')?.blockedBy).toEqual(['b', 'c']);
  });

  it('folds the sub-issues of a collapsed parent, at any depth, into its node', () => {
    const tree = [
      issue('p'),
      issue('p1', [], 'p'),
      issue('p2', ['p1'], 'p'),
      issue('p2a', [], 'p2'),
      issue('x', ['p2a']),
      issue('y'),
    ];
    const g = buildGraph(tree, plan(['p', 'p1', 'p2a', 'y'], ['p2a', 'x']), new Set(['p']));
    expect(g.nodes.map((n) => n.key)).toEqual(['p', 'x', 'y']);
    const parent = g.nodes.find((n) => n.key === 'p');
    expect(parent).toMatchObject({ collapsed: true, hiddenCount: 3, childCount: 2, critical: true });
    // p1 -> p2 becomes a self-loop and disappears; p2a -> x becomes p -> x.
    expect(g.edges.map((e) => e.id)).toEqual(['p->x']);
    expect(g.edges[0]?.critical).toBe(true);
    expect(g.representative.get('p2a')).toBe('p');
  });

  it('merges parallel edges that folding creates and counts them', () => {
    const tree = [issue('p'), issue('p1', [], 'p'), issue('p2', [], 'p'), issue('z', ['p1', 'p2'])];
    const g = buildGraph(tree, plan([], []), new Set(['p']));
    expect(g.edges).toEqual([{ id: 'p->z', source: 'p', target: 'z', critical: false, count: 2 }]);
  });

  it('folds into the outermost collapsed ancestor', () => {
    const tree = [issue('p'), issue('q', [], 'p'), issue('r', [], 'q')];
    const g = buildGraph(tree, plan([], []), new Set(['p', 'q']));
    expect(g.nodes.map((n) => n.key)).toEqual(['p']);
    expect(g.nodes[0]?.hiddenCount).toBe(2);
  });

  it('ignores a collapsed key that has no sub-issues and edges to unknown issues', () => {
    const g = buildGraph([issue('a', ['ghost'])], plan([], []), new Set(['a']));
    expect(g.nodes[0]?.collapsed).toBe(false);
    expect(g.edges).toEqual([]);
  });
});

describe('parentKeys', () => {
  it('lists the issues that have sub-issues', () => {
    expect([...parentKeys([issue('p'), issue('c', [], 'p'), issue('d', [], 'missing')])]).toEqual(['p']);
  });
});
