import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlanGraph } from '../../../src/domain/plan/plan-graph.js';
import { mayReach, reachabilityLabels } from '../../../src/domain/plan/reachability-labels.js';
import { Oracle, projectArbitrary } from './project-arbitrary.js';

describe('reachability labels', () => {
  it('never rule out an issue that is upstream', () => {
    fc.assert(
      fc.property(projectArbitrary(12), fc.integer({ min: 1, max: 5 }), (input, k) => {
        const g = buildPlanGraph(input);
        const labels = reachabilityLabels(g, k);
        const oracle = new Oracle(input);
        for (let c = 0; c < g.n; c++) {
          for (let b = 0; b < g.n; b++) {
            if (c !== b && oracle.reaches(g.keys[c]!, g.keys[b]!))
              expect(mayReach(labels, g.n, c, b)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rule out issues on separate chains', () => {
    const open = (key: string) => ({ key, status: 'open' as const, estimateDays: 1, parent: null });
    const g = buildPlanGraph({
      issues: ['a1', 'a2', 'b1', 'b2'].map(open),
      edges: [
        { issue: 'a2', blockedBy: 'a1' },
        { issue: 'b2', blockedBy: 'b1' },
      ],
    });
    const labels = reachabilityLabels(g);
    const id = (key: string) => g.keys.indexOf(key);
    expect(mayReach(labels, g.n, id('a2'), id('a1'))).toBe(true);
    expect(mayReach(labels, g.n, id('a2'), id('b1'))).toBe(false);
    expect(mayReach(labels, g.n, id('a1'), id('a2'))).toBe(false);
  });
});
