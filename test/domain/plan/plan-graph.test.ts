import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlanGraph,
  DONE,
  IN_PROGRESS,
  NO_PRIORITY,
  OPEN,
  WONT_DO,
} from '../../../src/domain/plan/plan-graph.js';
import type { PlanInput } from '../../../src/domain/plan/types.js';
import { graphInputArbitrary, outcome, referencePlanGraph } from './plan-graph-reference.js';
import { projectArbitrary } from './project-arbitrary.js';

const row = (start: Int32Array, adj: Int32Array, v: number) => [...adj.subarray(start[v]!, start[v + 1]!)];

describe('buildPlanGraph', () => {
  const input: PlanInput = {
    issues: [
      { key: 'c', status: 'done', estimateDays: 2, parent: 'a' },
      { key: 'a', status: 'open', estimateDays: null, parent: null },
      { key: 'b', status: 'wont_do', estimateDays: 0.5, parent: 'a' },
      { key: 'd', status: 'in_progress', estimateDays: 1, parent: null },
    ],
    edges: [
      { issue: 'd', blockedBy: 'c' },
      { issue: 'd', blockedBy: 'a' },
      { issue: 'd', blockedBy: 'c' },
      { issue: 'b', blockedBy: 'a' },
    ],
    defaultEstimateDays: 3,
  };

  it('numbers issues in key order and keeps their columns', () => {
    const g = buildPlanGraph(input);
    expect(g.keys).toEqual(['a', 'b', 'c', 'd']);
    expect([...g.status]).toEqual([OPEN, WONT_DO, DONE, IN_PROGRESS]);
    expect([...g.duration]).toEqual([3, 0.5, 2, 1]);
    expect([...g.defaulted]).toEqual([1, 0, 0, 0]);
    expect([...g.parent]).toEqual([-1, 0, 0, -1]);
  });

  it('stores each edge once, both ways, rows in key order', () => {
    const g = buildPlanGraph(input);
    expect(row(g.blockersStart, g.blockersAdj, 3)).toEqual([0, 2]);
    expect(row(g.blockersStart, g.blockersAdj, 1)).toEqual([0]);
    expect(row(g.blocksStart, g.blocksAdj, 0)).toEqual([1, 3]);
    expect(row(g.blocksStart, g.blocksAdj, 2)).toEqual([3]);
    expect(g.blockersAdj).toHaveLength(3);
  });

  it('keeps exactly the distinct edges, in sorted rows, on random inputs', () => {
    fc.assert(
      fc.property(projectArbitrary(), (project) => {
        const g = buildPlanGraph(project);
        const expected = new Set(project.edges.map((e) => `${e.issue}<${e.blockedBy}`));
        const blockers = new Set<string>();
        const blocks = new Set<string>();
        for (let v = 0; v < g.n; v++) {
          const bs = row(g.blockersStart, g.blockersAdj, v);
          expect(bs).toEqual([...bs].sort((x, y) => x - y));
          expect(new Set(bs).size).toBe(bs.length);
          for (const u of bs) blockers.add(`${g.keys[v]}<${g.keys[u]}`);
          for (const w of row(g.blocksStart, g.blocksAdj, v)) blocks.add(`${g.keys[w]}<${g.keys[v]}`);
        }
        expect(blockers).toEqual(expected);
        expect(blocks).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a long row of blockers (over 32, shuffled and repeated) once each, ascending, both ways', () => {
    const blockers = Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(2, '0')}`);
    // Each blocker three times, in an order far from sorted (17 is coprime with 40).
    const edges = [0, 1, 2].flatMap(() =>
      blockers.map((_, i) => ({ issue: 'hub', blockedBy: blockers[(i * 17) % 40]! })),
    );
    const g = buildPlanGraph({
      issues: [...blockers, 'hub'].map((key) => ({ key, status: 'open', estimateDays: 1, parent: null })),
      edges,
    });
    const hub = g.keys.indexOf('hub');
    expect(row(g.blockersStart, g.blockersAdj, hub)).toEqual(blockers.map((_, i) => i));
    expect(g.blockersAdj).toHaveLength(40);
    for (let u = 0; u < 40; u++) expect(row(g.blocksStart, g.blocksAdj, u)).toEqual([hub]);
  });

  it('rejects an unknown status and a bad default estimate', () => {
    const bad = {
      issues: [{ key: 'a', status: 'paused', estimateDays: 1, parent: null }],
      edges: [],
      defaultEstimateDays: Number.NaN,
    } as unknown as PlanInput;
    expect(() => buildPlanGraph(bad)).toThrow(/2 problem/);
  });

  it('keeps priorities as codes, p0 = 0, and rejects an unknown one', () => {
    const g = buildPlanGraph({
      issues: [
        { key: 'a', status: 'open', estimateDays: 1, parent: null, priority: 'p2' },
        { key: 'b', status: 'open', estimateDays: 1, parent: null },
      ],
      edges: [],
    });
    expect([...g.priority]).toEqual([2, NO_PRIORITY]);
    const bad = {
      issues: [{ key: 'a', status: 'open', estimateDays: 1, parent: null, priority: 'urgent' }],
      edges: [],
    } as unknown as PlanInput;
    expect(() => buildPlanGraph(bad)).toThrow(
      expect.objectContaining({
        errors: [{ path: 'issues[0].priority', message: "unknown priority 'urgent'" }],
      }),
    );
  });

  it('answers as the plain reference build does, graph or problems, on inputs of every kind and order', () => {
    fc.assert(
      fc.property(graphInputArbitrary(), (input) => {
        expect(outcome(() => buildPlanGraph(input))).toEqual(outcome(() => referencePlanGraph(input)));
      }),
      { numRuns: 2000 },
    );
  });
});
