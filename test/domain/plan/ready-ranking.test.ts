import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISSUE_PRIORITIES } from '../../../src/domain/model.js';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import type { PlanInput, RankedReadyIssue } from '../../../src/domain/plan/types.js';
import { Oracle, projectArbitrary } from './project-arbitrary.js';

const open = (key: string, estimateDays = 1) => ({
  key,
  status: 'open' as const,
  estimateDays,
  parent: null,
});
const edge = (issue: string, blockedBy: string) => ({ issue, blockedBy });
const rankingOf = (input: PlanInput) => computePlan(input).readyRanking;

describe('rankReady', () => {
  it('puts the issue with the least slack first', () => {
    // long (3 days) -> x: the critical chain; short (1 day) has 2 days of slack.
    const ranking = rankingOf({
      issues: [open('long', 3), open('short'), open('x')],
      edges: [edge('x', 'long')],
    });
    expect(ranking.map((r) => r.key)).toEqual(['long', 'short']);
    expect(ranking.map((r) => r.slackDays)).toEqual([0, 3]);
  });

  it('breaks a tie on slack by how many issues it unblocks', () => {
    // a and b both critical (slack 0 each); a alone holds two issues, b holds one (shared with a).
    const ranking = rankingOf({
      issues: [open('a'), open('b'), open('p'), open('q'), open('r')],
      edges: [edge('p', 'a'), edge('q', 'a'), edge('r', 'a'), edge('r', 'b')],
    });
    expect(ranking.map((r) => r.key)).toEqual(['a', 'b']);
    expect(ranking[0]).toMatchObject({ unblocks: ['p', 'q'], downstream: 3 });
    expect(ranking[1]).toMatchObject({ unblocks: [], downstream: 1 });
  });

  it('then by how many issues wait on it downstream, then by key', () => {
    // No work downstream (0-day estimates), so every slack is 0 and no issue unblocks another alone.
    const ranking = rankingOf({
      issues: [open('c'), open('b'), open('a'), open('x', 0), open('y', 0), open('z', 0)],
      edges: [edge('x', 'a'), edge('x', 'b'), edge('y', 'x'), edge('z', 'b'), edge('z', 'c')],
    });
    expect(
      ranking.map((r) => [r.key, r.slackDays, r.downstreamDays, r.unblocks.length, r.downstream]),
    ).toEqual([
      ['b', 0, 0, 0, 3],
      ['a', 0, 0, 0, 2],
      ['c', 0, 0, 0, 1],
    ]);
  });

  it('gives the reason in words', () => {
    const ranking = rankingOf({
      issues: [open('a', 2), open('b'), open('c', 3)],
      edges: [edge('c', 'a')],
    });
    expect(ranking.map((r) => r.reason)).toEqual([
      'critical path (no slack) · unblocks 1 · 1 open issue waits on it (3 days)',
      'slack 4 days · nothing waits on it',
    ]);
  });

  it('puts priority first, p0 to p3, then the issues without one', () => {
    // b is critical, but a lead said a and c come first.
    const ranking = rankingOf({
      issues: [{ ...open('a'), priority: 'p1' }, open('b', 5), { ...open('c'), priority: 'p0' }, open('d')],
      edges: [],
    });
    expect(ranking.map((r) => [r.key, r.priority])).toEqual([
      ['c', 'p0'],
      ['a', 'p1'],
      ['b', null],
      ['d', null],
    ]);
    expect(ranking[0]!.reasons[0]).toBe('p0');
  });

  it('breaks a tie on slack by the work waiting downstream before the count of issues', () => {
    // Both critical (7 days): a holds two 6-day issues, b one 6-day and two 1-day issues.
    const ranking = rankingOf({
      issues: [open('a'), open('b'), open('x', 6), open('w', 6), open('y', 6), open('z'), open('u')],
      edges: [edge('x', 'a'), edge('w', 'a'), edge('y', 'b'), edge('z', 'b'), edge('u', 'b')],
    });
    expect(ranking.map((r) => [r.key, r.slackDays, r.downstreamDays, r.unblocks.length])).toEqual([
      ['a', 0, 12, 2],
      ['b', 0, 8, 3],
    ]);
  });

  it('ranks every ready issue once and nothing else', () => {
    const plan = computePlan({
      issues: [open('a'), open('b'), { ...open('c'), status: 'done' as const }, open('d')],
      edges: [edge('d', 'a')],
    });
    expect(plan.readyRanking.map((r) => r.key).sort()).toEqual([...plan.ready].sort());
  });

  it('lists as unblocked exactly the open issues whose only open blocker it is, in key order (property)', () => {
    fc.assert(
      fc.property(projectArbitrary(), (input) => {
        const oracle = new Oracle(input);
        for (const r of rankingOf(input)) {
          const only = oracle.keys.filter((k) => {
            const blockers = oracle.isOpen(k) ? oracle.openBlockers(k) : [];
            return blockers.length === 1 && blockers[0] === r.key;
          });
          expect(r.unblocks).toEqual(only.sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('orders hundreds of ready issues by the rule, each before the next', () => {
    const rank = (r: RankedReadyIssue) =>
      r.priority === null ? ISSUE_PRIORITIES.length : ISSUE_PRIORITIES.indexOf(r.priority);
    const before = (a: RankedReadyIssue, b: RankedReadyIssue) =>
      rank(a) - rank(b) ||
      a.slackDays - b.slackDays ||
      b.downstreamDays - a.downstreamDays ||
      b.unblocks.length - a.unblocks.length ||
      b.downstream - a.downstream ||
      (a.key < b.key ? -1 : 1);
    const issue = fc.record({
      estimate: fc.constantFrom(0, 0.5, 1, 2, 3),
      priority: fc.option(fc.constantFrom(...ISSUE_PRIORITIES), { nil: null, freq: 2 }),
      blockers: fc.array(fc.nat(), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(issue, { minLength: 200, maxLength: 400 }), (drawn) => {
        const key = (i: number) => `k${(i * 7919) % drawn.length}`;
        const ranking = rankingOf({
          issues: drawn.map((d, i) => ({ ...open(key(i), d.estimate), priority: d.priority })),
          edges: drawn.flatMap((d, i) => (i === 0 ? [] : d.blockers.map((b) => edge(key(i), key(b % i))))),
        });
        expect(ranking.length).toBeGreaterThan(32);
        for (let i = 1; i < ranking.length; i++) expect(before(ranking[i - 1]!, ranking[i]!)).toBeLessThan(0);
      }),
      { numRuns: 20 },
    );
  });
});
