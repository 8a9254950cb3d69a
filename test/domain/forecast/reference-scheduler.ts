// Builders, fast-check arbitraries and a plain reference scheduler for the forecast tests (not a test file
// itself).
// The reference follows the rules as the issue states them, with maps, lists and sorting, one time step
// at a time: nothing of the scheduler under test (heaps, ranks, drivers) is reused.
import fc from 'fast-check';
import type {
  ForecastInput,
  ForecastIssue,
  Person,
  TeamSetting,
} from '../../../src/domain/forecast/types.js';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { isOpenStatus, projectArbitrary } from '../plan/project-arbitrary.js';

export const issue = (
  key: string,
  estimateDays: number,
  more: Partial<ForecastIssue> = {},
): ForecastIssue => ({
  key,
  status: 'open',
  estimateDays,
  parent: null,
  ...more,
});

/** A project starting on Friday 2025-06-06; edges as [issue, blockedBy]. */
export const project = (
  issues: ForecastIssue[],
  edges: [string, string][] = [],
  team: TeamSetting = 1,
): ForecastInput => ({
  issues,
  edges: edges.map(([i, b]) => ({ issue: i, blockedBy: b })),
  team,
  calendar: { start: '2025-06-06' },
});

export const NAMES = ['ana', 'bo', 'cy'];

/** A named team of 1..3 people with capacities, or a number of people. */
export const teamArbitrary: fc.Arbitrary<TeamSetting> = fc.oneof(
  fc.integer({ min: 1, max: 4 }),
  fc
    .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 })
    .chain((names) =>
      fc.tuple(...names.map((name) => fc.constantFrom(0.5, 1, 1, 2).map((capacity) => ({ name, capacity })))),
    ),
);

/** A random small project with ranges, assignees (some outside any team) and a team. */
export function forecastArbitrary(maxIssues = 9): fc.Arbitrary<ForecastInput> {
  return fc
    .tuple(
      projectArbitrary(maxIssues),
      teamArbitrary,
      fc.array(fc.tuple(fc.constantFrom(0, 0.25, 0.5, 1), fc.constantFrom(0, 1, 2, 4)), {
        minLength: 12,
        maxLength: 12,
      }),
      fc.array(fc.option(fc.constantFrom(...NAMES, 'zed'), { nil: null, freq: 2 }), {
        minLength: 12,
        maxLength: 12,
      }),
    )
    .map(([project, team, spreads, assignees]) => ({
      ...project,
      team,
      calendar: { start: '2025-06-06' },
      issues: project.issues.map((issue, i): ForecastIssue => {
        const likely = issue.estimateDays;
        const [below, above] = spreads[i]!;
        // A range needs its most likely estimate: unestimated issues take the default, without spread.
        return {
          ...issue,
          estimateLowDays: likely === null ? null : likely * (1 - below),
          estimateHighDays: likely === null ? null : likely + above,
          assignee: assignees[i]!,
        };
      }),
    }));
}

export interface ReferenceEntry {
  start: number;
  finish: number;
  /** Lane, or -1 for a zero-length issue. */
  person: number;
}

/**
 * The levelled schedule by the rules alone: at each moment, zero-length ready issues finish; then, in
 * priority order (in progress first, least latest start, earliest start, key), each ready issue goes to
 * its assignee if free, or if unassigned to the free person with most capacity (lowest lane on ties);
 * then time moves to the next finish.
 */
export function referenceSchedule(
  input: ForecastInput,
  durationOf: (key: string) => number,
): { entries: Map<string, ReferenceEntry>; people: Person[] } {
  const plan = computePlan(input);
  const open = input.issues.filter((i) => isOpenStatus(i.status));
  const team = input.team ?? 1;
  const people: Person[] =
    typeof team === 'number'
      ? Array.from({ length: Math.max(1, Math.min(team, open.length)) }, (_, i) => ({
          name: `person ${i + 1}`,
          capacity: 1,
        }))
      : team;
  const lane = new Map(people.map((p, i) => [p.name, i]));
  const ownerOf = (issue: ForecastIssue) =>
    typeof team === 'number' || issue.assignee == null ? -1 : (lane.get(issue.assignee) ?? -1);
  const blockers = new Map(open.map((i) => [i.key, [] as string[]]));
  for (const e of input.edges)
    if (blockers.has(e.issue) && blockers.has(e.blockedBy)) blockers.get(e.issue)!.push(e.blockedBy);
  const urgency = (a: ForecastIssue, b: ForecastIssue) => {
    const sa = plan.schedule[a.key]!;
    const sb = plan.schedule[b.key]!;
    const started = Number(b.status === 'in_progress') - Number(a.status === 'in_progress');
    return (
      started ||
      sa.latestStart - sb.latestStart ||
      sa.earliestStart - sb.earliestStart ||
      (a.key < b.key ? -1 : 1)
    );
  };
  const entries = new Map<string, ReferenceEntry>();
  const doneBy = (key: string, t: number) => entries.has(key) && entries.get(key)!.finish <= t;
  let t = 0;
  while (entries.size < open.length) {
    const ready = () =>
      open
        .filter((i) => !entries.has(i.key) && blockers.get(i.key)!.every((b) => doneBy(b, t)))
        .sort(urgency);
    for (let milestone = ready().find((i) => durationOf(i.key) === 0); milestone !== undefined; ) {
      entries.set(milestone.key, { start: t, finish: t, person: -1 });
      milestone = ready().find((i) => durationOf(i.key) === 0);
    }
    const busy = new Set(
      [...entries.values()].filter((e) => e.person >= 0 && e.finish > t).map((e) => e.person),
    );
    for (const issue of ready()) {
      const owner = ownerOf(issue);
      let p = owner;
      if (owner < 0) {
        const free = people.map((_, i) => i).filter((i) => !busy.has(i));
        free.sort((a, b) => people[b]!.capacity - people[a]!.capacity || a - b);
        p = free[0] ?? -1;
      } else if (busy.has(owner)) p = -1;
      if (p < 0) continue;
      busy.add(p);
      entries.set(issue.key, {
        start: t,
        finish: t + durationOf(issue.key) / people[p]!.capacity,
        person: p,
      });
    }
    const next = Math.min(...[...entries.values()].map((e) => e.finish).filter((f) => f > t));
    if (!Number.isFinite(next)) break;
    t = next;
  }
  return { entries, people };
}
