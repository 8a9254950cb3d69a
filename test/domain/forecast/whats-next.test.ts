import { describe, expect, it } from 'vitest';
import { computeForecast } from '../../../src/domain/forecast/compute-forecast.js';
import type { ForecastInput } from '../../../src/domain/forecast/types.js';
import { whatsNext } from '../../../src/domain/forecast/whats-next.js';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { issue } from './reference-scheduler.js';

describe("what's next", () => {
  // a (3 days, wide range) and b (2.5 days, narrow) both hold c; d is an aside with slack.
  const input: ForecastInput = {
    issues: [
      issue('a', 3, { estimateLowDays: 1, estimateHighDays: 9 }),
      issue('b', 2.5, { estimateLowDays: 2, estimateHighDays: 3 }),
      issue('c', 2),
      issue('d', 1, { priority: 'p1' }),
    ],
    edges: [
      { issue: 'c', blockedBy: 'a' },
      { issue: 'c', blockedBy: 'b' },
    ],
    team: 3,
    calendar: { start: '2025-06-02' },
  };
  const forecast = computeForecast(input, { trials: 2000, seed: 4 });
  const next = whatsNext(computePlan(input).readyRanking, forecast);

  it("keeps the plan's ranking and adds each issue's criticality", () => {
    expect(next.map((n) => n.key)).toEqual(computePlan(input).readyRanking.map((r) => r.key));
    expect(next.map((n) => n.key)).toEqual(['d', 'a', 'b']);
    for (const n of next) expect(n.criticality).toBe(forecast.criticality[n.key]);
  });

  it('says how often each is on the critical chain, after its priority', () => {
    const a = next.find((n) => n.key === 'a')!;
    expect(a.reasons[0]).toMatch(/^on the critical chain in \d+% of trials$/);
    expect(a.reason).toBe(a.reasons.join(' · '));
    expect(next[0]!.reasons.slice(0, 2)).toEqual(['p1', 'on the critical chain in no trial']);
  });

  it('gives the first `limit` issues', () => {
    expect(whatsNext(computePlan(input).readyRanking, forecast, 1).map((n) => n.key)).toEqual(['d']);
  });

  it('says on or off the levelled chain when there were no trials', () => {
    const levelled = computeForecast(input, { trials: 0 });
    const reasons = whatsNext(computePlan(input).readyRanking, levelled).map((n) =>
      n.reasons.find((r) => r.includes('chain')),
    );
    expect(reasons).toEqual(['off the critical chain', 'on the critical chain', 'off the critical chain']);
  });
});
