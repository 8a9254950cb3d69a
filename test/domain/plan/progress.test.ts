import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import type { PlanInput, PlanIssue, ProgressSummary } from '../../../src/domain/plan/types.js';
import { planIssue, projectArbitrary } from './project-arbitrary.js';

describe('progress', () => {
  // epic > (a, b, sub > (c, d)); e has no parent.
  const input: PlanInput = {
    issues: [
      planIssue('epic', 'open', 1),
      planIssue('a', 'done', 2, 'epic'),
      planIssue('b', 'open', 2, 'epic'),
      planIssue('sub', 'in_progress', null, 'epic'),
      planIssue('c', 'done', 3, 'sub'),
      planIssue('d', 'wont_do', 5, 'sub'),
      planIssue('e', 'open', 4),
    ],
    edges: [],
  };

  it('rolls a parent up from all its sub-issues, recursively, without itself', () => {
    const { byParent } = computePlan(input).progress;
    expect(Object.keys(byParent).sort()).toEqual(['epic', 'sub']);
    expect(byParent.sub).toEqual({
      counts: { open: 0, in_progress: 0, done: 1, wont_do: 1 },
      total: 2,
      finished: 2,
      percentByCount: 100,
      estimateDays: 3,
      finishedEstimateDays: 3,
      percentByEstimate: 100,
    });
    expect(byParent.epic).toEqual({
      counts: { open: 1, in_progress: 1, done: 2, wont_do: 1 },
      total: 5,
      finished: 3,
      percentByCount: 60,
      estimateDays: 8, // a 2 + b 2 + sub 1 (default) + c 3; d is wont_do
      finishedEstimateDays: 5,
      percentByEstimate: 62.5,
    });
  });

  it('summarises the whole project', () => {
    expect(computePlan(input).progress.project).toEqual({
      counts: { open: 3, in_progress: 1, done: 2, wont_do: 1 },
      total: 7,
      finished: 3,
      percentByCount: 42.86,
      estimateDays: 13,
      finishedEstimateDays: 5,
      percentByEstimate: 38.46,
    });
  });

  it('has no percent for an empty project', () => {
    const { project, byParent } = computePlan({ issues: [], edges: [] }).progress;
    expect(project.percentByCount).toBeNull();
    expect(project.percentByEstimate).toBeNull();
    expect(byParent).toEqual({});
  });

  it('reaches 100% when everything is finished', () => {
    const { project } = computePlan({
      issues: [planIssue('a', 'done', 2), planIssue('b', 'wont_do', 3)],
      edges: [],
    }).progress;
    expect(project.percentByCount).toBe(100);
    expect(project.percentByEstimate).toBe(100);
    expect(project.estimateDays).toBe(2);
  });

  it('gives every parent the sum of its descendants, and the project the sum of all', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const { progress } = computePlan(input);
        const parentOf = new Map(input.issues.map((i) => [i.key, i.parent]));
        const isBelow = (key: string, ancestor: string) => {
          for (let p = parentOf.get(key) ?? null; p !== null; p = parentOf.get(p) ?? null)
            if (p === ancestor) return true;
          return false;
        };
        const counts = (issues: PlanIssue[]) => ({
          open: issues.filter((i) => i.status === 'open').length,
          in_progress: issues.filter((i) => i.status === 'in_progress').length,
          done: issues.filter((i) => i.status === 'done').length,
          wont_do: issues.filter((i) => i.status === 'wont_do').length,
        });
        expect(progress.project.counts).toEqual(counts(input.issues));
        const parents = new Set(input.issues.flatMap((i) => (i.parent === null ? [] : [i.parent])));
        expect(Object.keys(progress.byParent).sort()).toEqual([...parents].sort());
        for (const p of parents) {
          const below = input.issues.filter((i) => isBelow(i.key, p));
          const summary: ProgressSummary = progress.byParent[p]!;
          expect(summary.counts).toEqual(counts(below));
          const days = (i: PlanIssue) => i.estimateDays ?? 1;
          const planned = below.filter((i) => i.status !== 'wont_do').reduce((s, i) => s + days(i), 0);
          expect(summary.estimateDays).toBeCloseTo(planned, 6);
          expect(summary.finished).toBe(summary.counts.done + summary.counts.wont_do);
        }
      }),
      { numRuns: 300 },
    );
  });
});
