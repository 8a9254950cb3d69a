import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan, computeWhatIf } from '../../../src/domain/plan/compute-plan.js';
import type { PlanInput } from '../../../src/domain/plan/types.js';
import { invalidInputFrom } from '../invalid-input.js';
import { planIssue, projectArbitrary } from './project-arbitrary.js';

describe('computePlan', () => {
  it('plans an empty project', () => {
    expect(computePlan({ issues: [], edges: [] })).toEqual({
      order: [],
      waves: [],
      ready: [],
      blocked: [],
      readyRanking: [],
      criticalPath: { keys: [], lengthDays: 0 },
      schedule: {},
      progress: {
        project: {
          counts: { open: 0, in_progress: 0, done: 0, wont_do: 0 },
          total: 0,
          finished: 0,
          percentByCount: null,
          estimateDays: 0,
          finishedEstimateDays: 0,
          percentByEstimate: null,
        },
        byParent: {},
      },
      assumptions: [],
    });
  });

  it('plans a project where everything is done', () => {
    const plan = computePlan({
      issues: [planIssue('a', 'done'), planIssue('b', 'done')],
      edges: [{ issue: 'b', blockedBy: 'a' }],
    });
    expect(plan.order).toEqual(['a', 'b']);
    expect(plan.waves).toEqual([]);
    expect(plan.ready).toEqual([]);
    expect(plan.criticalPath).toEqual({ keys: [], lengthDays: 0 });
    expect(plan.progress.project.percentByCount).toBe(100);
  });

  it('lists each default estimate it used as an assumption, except for wont_do issues', () => {
    const plan = computePlan({
      issues: [
        planIssue('b', 'open', null),
        planIssue('a', 'done', null),
        planIssue('c', 'wont_do', null),
        planIssue('d'),
      ],
      edges: [],
      defaultEstimateDays: 2,
    });
    expect(plan.assumptions).toEqual([
      { kind: 'default-estimate', key: 'a', estimateDays: 2 },
      { kind: 'default-estimate', key: 'b', estimateDays: 2 },
    ]);
  });

  it('notes a finished issue whose blockers are still open', () => {
    const plan = computePlan({
      issues: [planIssue('a', 'done'), planIssue('b'), planIssue('c')],
      edges: [
        { issue: 'a', blockedBy: 'c' },
        { issue: 'a', blockedBy: 'b' },
      ],
    });
    expect(plan.assumptions).toEqual([
      { kind: 'finished-with-open-blockers', key: 'a', openBlockers: ['b', 'c'] },
    ]);
  });

  it('treats keys like __proto__ as plain keys', () => {
    const plan = computePlan({
      issues: [planIssue('__proto__'), planIssue('constructor', 'open', 2, '__proto__')],
      edges: [{ issue: 'constructor', blockedBy: '__proto__' }],
    });
    expect(Object.keys(plan.schedule)).toEqual(['__proto__', 'constructor']);
    expect(plan.schedule['constructor' as string]?.earliestStart).toBe(1);
    expect(Object.keys(plan.progress.byParent)).toEqual(['__proto__']);
    expect(JSON.stringify(plan.schedule)).toContain('"__proto__":{"earliestStart":0');
  });

  it('refuses a cyclic input, naming every cycle', () => {
    const error = invalidInputFrom(() =>
      computePlan({
        issues: ['a', 'b', 'c', 'd'].map((k) => planIssue(k)),
        edges: [
          { issue: 'a', blockedBy: 'b' },
          { issue: 'b', blockedBy: 'a' },
          { issue: 'c', blockedBy: 'd' },
          { issue: 'd', blockedBy: 'c' },
        ],
      }),
    );
    expect(error.extensions.cycles).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'c'],
    ]);
    expect(error.errors).toHaveLength(2);
  });

  it('lists every inconsistency of the input at once', () => {
    const error = invalidInputFrom(() =>
      computePlan({
        issues: [
          planIssue('a'),
          planIssue('a'),
          planIssue('b', 'open', -1, 'zz'),
          planIssue('c', 'open', 1, 'c'),
        ],
        edges: [
          { issue: 'a', blockedBy: 'x' },
          { issue: 'b', blockedBy: 'b' },
        ],
      }),
    );
    expect(error.errors.map((e) => e.path)).toEqual([
      'issues[1].key',
      'issues[2].estimateDays',
      'issues[2].parent',
      'issues[3].parent',
      'edges[0].blockedBy',
      'edges[1]',
    ]);
  });

  it('refuses parent links that form a cycle, at the parent of the issue the cycle starts from', () => {
    const error = invalidInputFrom(() =>
      computePlan({ issues: [planIssue('b', 'open', 1, 'a'), planIssue('a', 'open', 1, 'b')], edges: [] }),
    );
    expect(error.errors).toEqual([{ path: 'issues[1].parent', message: 'parent cycle a -> b -> a' }]);
  });
});

describe('computeWhatIf', () => {
  const input: PlanInput = {
    issues: [planIssue('a'), planIssue('b'), planIssue('c')],
    edges: [
      { issue: 'b', blockedBy: 'a' },
      { issue: 'c', blockedBy: 'b' },
    ],
  };

  it('plans as if the given issues were done', () => {
    const plan = computeWhatIf(input, ['a']);
    expect(plan.ready).toEqual(['b']);
    expect(plan.criticalPath).toEqual({ keys: ['b', 'c'], lengthDays: 2 });
    expect(plan.progress.project.counts.done).toBe(1);
  });

  it('refuses unknown keys, naming them', () => {
    const error = invalidInputFrom(() => computeWhatIf(input, ['a', 'x', 'y']));
    expect(error.errors).toEqual([
      { path: 'done[1]', message: "unknown issue 'x'" },
      { path: 'done[2]', message: "unknown issue 'y'" },
    ]);
    expect(error.extensions.unknownKeys).toEqual(['x', 'y']);
  });

  it('equals the plan when nothing more is done, and the plan of the edited input otherwise', () => {
    fc.assert(
      fc.property(projectArbitrary(), fc.array(fc.nat()), (input, picks) => {
        expect(computeWhatIf(input, [])).toEqual(computePlan(input));
        const done =
          input.issues.length === 0 ? [] : picks.map((p) => input.issues[p % input.issues.length]!.key);
        const edited = {
          ...input,
          issues: input.issues.map((i) => (done.includes(i.key) ? { ...i, status: 'done' as const } : i)),
        };
        expect(computeWhatIf(input, done)).toEqual(computePlan(edited));
      }),
      { numRuns: 200 },
    );
  });
});
