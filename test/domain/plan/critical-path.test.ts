import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import type { PlanInput } from '../../../src/domain/plan/types.js';
import { Oracle, planIssue, projectArbitrary } from './project-arbitrary.js';

describe('critical path (CPM)', () => {
  // Textbook forward/backward pass: A(3), B(4); C(2) after A; D(5) after A and B; E(3) after C and D.
  const textbook: PlanInput = {
    issues: [
      planIssue('A', 'open', 3),
      planIssue('B', 'open', 4),
      planIssue('C', 'open', 2),
      planIssue('D', 'open', 5),
      planIssue('E', 'open', 3),
    ],
    edges: [
      { issue: 'C', blockedBy: 'A' },
      { issue: 'D', blockedBy: 'A' },
      { issue: 'D', blockedBy: 'B' },
      { issue: 'E', blockedBy: 'C' },
      { issue: 'E', blockedBy: 'D' },
    ],
  };

  it('computes earliest and latest start and finish and the slack of every open issue', () => {
    expect(computePlan(textbook).schedule).toEqual({
      A: { earliestStart: 0, earliestFinish: 3, latestStart: 1, latestFinish: 4, slack: 1 },
      B: { earliestStart: 0, earliestFinish: 4, latestStart: 0, latestFinish: 4, slack: 0 },
      C: { earliestStart: 3, earliestFinish: 5, latestStart: 7, latestFinish: 9, slack: 4 },
      D: { earliestStart: 4, earliestFinish: 9, latestStart: 4, latestFinish: 9, slack: 0 },
      E: { earliestStart: 9, earliestFinish: 12, latestStart: 9, latestFinish: 12, slack: 0 },
    });
  });

  it('walks the critical path from the start to the issue that finishes last', () => {
    expect(computePlan(textbook).criticalPath).toEqual({ keys: ['B', 'D', 'E'], lengthDays: 12 });
  });

  it('counts finished issues as taking no time and holding nothing', () => {
    const plan = computePlan({
      ...textbook,
      issues: textbook.issues.map((i) => (i.key === 'B' ? { ...i, status: 'done' } : i)),
    });
    expect(plan.criticalPath).toEqual({ keys: ['A', 'D', 'E'], lengthDays: 11 });
    expect(plan.schedule.B).toBeUndefined();
    expect(plan.schedule.C?.slack).toBe(3);
  });

  it('uses the default estimate for an issue without one', () => {
    const plan = computePlan({
      issues: [planIssue('a', 'open', null), planIssue('b', 'open', 2)],
      edges: [{ issue: 'b', blockedBy: 'a' }],
      defaultEstimateDays: 1.5,
    });
    expect(plan.criticalPath).toEqual({ keys: ['a', 'b'], lengthDays: 3.5 });
  });

  it('breaks ties between equally long paths by key', () => {
    const plan = computePlan({
      issues: [planIssue('x', 'open', 2), planIssue('y', 'open', 2), planIssue('z', 'open', 1)],
      edges: [],
    });
    expect(plan.criticalPath).toEqual({ keys: ['x'], lengthDays: 2 });
    expect(plan.schedule.z?.slack).toBe(1);
  });

  it('hides binary rounding noise in the figures', () => {
    const plan = computePlan({
      issues: [planIssue('a', 'open', 0.1), planIssue('b', 'open', 0.2)],
      edges: [{ issue: 'b', blockedBy: 'a' }],
    });
    expect(plan.criticalPath.lengthDays).toBe(0.3);
    expect(plan.schedule.b?.earliestFinish).toBe(0.3);
  });

  it('is empty when nothing is open', () => {
    const plan = computePlan({ issues: [planIssue('a', 'done', 3)], edges: [] });
    expect(plan.criticalPath).toEqual({ keys: [], lengthDays: 0 });
    expect(plan.schedule).toEqual({});
  });

  it('lets each open issue finish as late as the open issues it blocks allow, or the end (property)', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const { schedule, criticalPath } = computePlan(input);
        const oracle = new Oracle(input);
        for (const key of oracle.keys.filter((k) => oracle.isOpen(k))) {
          const blocked = oracle.keys.filter((w) => oracle.isOpen(w) && oracle.blockers.get(w)!.has(key));
          const latest = Math.min(criticalPath.lengthDays, ...blocked.map((w) => schedule[w]!.latestStart));
          expect(schedule[key]!.latestFinish).toBeCloseTo(latest, 6);
          expect(schedule[key]!.latestStart).toBeCloseTo(latest - oracle.duration.get(key)!, 6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is a real path of open issues as long as the longest one, with zero slack along it', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const plan = computePlan(input);
        const oracle = new Oracle(input);
        const { keys, lengthDays } = plan.criticalPath;
        for (const key of keys) expect(oracle.isOpen(key)).toBe(true);
        for (let i = 0; i + 1 < keys.length; i++)
          expect(oracle.blockers.get(keys[i + 1]!)!.has(keys[i]!)).toBe(true);
        const sum = (path: string[]) => path.reduce((s, k) => s + oracle.duration.get(k)!, 0);
        expect(lengthDays).toBeCloseTo(sum(keys), 6);
        const longest = Math.max(
          0,
          ...oracle.keys.filter((k) => oracle.isOpen(k)).flatMap((k) => oracle.openPathsTo(k).map(sum)),
        );
        expect(lengthDays).toBeCloseTo(longest, 6);
        for (const key of keys) expect(plan.schedule[key]!.slack).toBe(0);
        for (const entry of Object.values(plan.schedule)) {
          expect(entry.slack).toBeGreaterThanOrEqual(0);
          expect(entry.latestFinish).toBeLessThanOrEqual(lengthDays);
        }
      }),
      { numRuns: 300 },
    );
  });
});
