import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildForecastGraph, type ForecastGraph } from '../../../src/domain/forecast/forecast-graph.js';
import { LevelledScheduler } from '../../../src/domain/forecast/levelled-schedule.js';
import { drawDurations, pertSampler } from '../../../src/domain/forecast/pert.js';
import { SeededRandom } from '../../../src/domain/forecast/seeded-random.js';
import { crewFor } from '../../../src/domain/forecast/team.js';
import type { ForecastInput, TeamSetting } from '../../../src/domain/forecast/types.js';
import { computePlan } from '../../../src/domain/plan/compute-plan.js';
import { forecastArbitrary, issue, project, referenceSchedule } from './reference-scheduler.js';

interface Run {
  graph: ForecastGraph;
  scheduler: LevelledScheduler;
  end: number;
  /** By key: start, finish, lane. */
  entries: Map<string, { start: number; finish: number; person: number }>;
  chain: string[];
}

function schedule(input: ForecastInput, team: TeamSetting | null = input.team ?? null): Run {
  const graph = buildForecastGraph(input);
  const scheduler = new LevelledScheduler(graph, crewFor(team, graph));
  const end = scheduler.run(graph.likely);
  const keyOf = (r: number) => graph.plan.keys[graph.idOfRank[r]!]!;
  const entries = new Map<string, { start: number; finish: number; person: number }>();
  for (let r = 0; r < graph.open; r++)
    entries.set(keyOf(r), {
      start: scheduler.start[r]!,
      finish: scheduler.finish[r]!,
      person: scheduler.person[r]!,
    });
  return { graph, scheduler, end, entries, chain: scheduler.chain().map(keyOf) };
}

describe('levelled schedule', () => {
  it('gives a free person the ready issue with the least latest start', () => {
    // b (3 days) blocks c (4): b has no slack, a (2) has 5 days of it.
    const run = schedule(project([issue('a', 2), issue('b', 3), issue('c', 4)], [['c', 'b']]));
    expect(run.entries.get('b')).toEqual({ start: 0, finish: 3, person: 0 });
    expect(run.entries.get('c')).toEqual({ start: 3, finish: 7, person: 0 });
    expect(run.entries.get('a')).toEqual({ start: 7, finish: 9, person: 0 });
    expect(run.end).toBe(9);
  });

  it('breaks ties of latest start by earliest start, then by key', () => {
    const run = schedule(
      project([issue('b', 1), issue('a', 1), issue('c', 0.5), issue('d', 0.5)], [['d', 'c']]),
    );
    // All have latest start 0 but c (then d after it); a before b by key.
    expect([...run.entries].sort((x, y) => x[1].start - y[1].start).map(([k]) => k)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('takes in-progress issues first, at their whole estimate', () => {
    const run = schedule(project([issue('a', 5), issue('b', 1, { status: 'in_progress' })]));
    expect(run.entries.get('b')).toEqual({ start: 0, finish: 1, person: 0 });
  });

  it('makes an assigned issue wait for its assignee while others take the rest', () => {
    const run = schedule(
      project(
        [issue('a', 4, { assignee: 'eric' }), issue('b', 2, { assignee: 'eric' }), issue('c', 1)],
        [],
        [
          { name: 'eric', capacity: 1 },
          { name: 'petr', capacity: 1 },
        ],
      ),
    );
    expect(run.entries.get('a')).toEqual({ start: 0, finish: 4, person: 0 });
    expect(run.entries.get('b')).toEqual({ start: 4, finish: 6, person: 0 });
    expect(run.entries.get('c')).toEqual({ start: 0, finish: 1, person: 1 });
    expect(run.chain).toEqual(['a', 'b']);
  });

  it('gives unassigned work to the person with the most capacity, who takes estimate / capacity days', () => {
    const run = schedule(
      project(
        [issue('a', 4)],
        [],
        [
          { name: 'half', capacity: 0.5 },
          { name: 'full', capacity: 1 },
        ],
      ),
    );
    expect(run.entries.get('a')).toEqual({ start: 0, finish: 4, person: 1 });
    const alone = schedule(project([issue('a', 4)], [], [{ name: 'half', capacity: 0.5 }]));
    expect(alone.end).toBe(8);
  });

  it('finishes a zero-length issue as soon as it is ready, without a person', () => {
    const run = schedule(
      project(
        [issue('a', 2), issue('m', 0), issue('b', 1)],
        [
          ['m', 'a'],
          ['b', 'm'],
        ],
      ),
    );
    expect(run.entries.get('m')).toEqual({ start: 2, finish: 2, person: -1 });
    expect(run.entries.get('b')).toEqual({ start: 2, finish: 3, person: 0 });
    expect(run.chain).toEqual(['a', 'm', 'b']);
  });

  it('ends the chain at a zero-length issue that the last finish makes ready', () => {
    const run = schedule(project([issue('a', 2), issue('b', 2), issue('goal', 0)], [['goal', 'a']], 2));
    expect(run.chain).toEqual(['a', 'goal']);
  });

  it('chains through the person an issue waited for, not only through blockers', () => {
    // One person: c waits for the person busy on a, not for its blocker b (done long before).
    const run = schedule(
      project(
        [issue('a', 3), issue('b', 1), issue('c', 2)],
        [
          ['a', 'b'],
          ['c', 'b'],
        ],
      ),
    );
    expect(run.chain).toEqual(['b', 'a', 'c']);
  });

  it('leaves finished issues out: they take no time and hold nothing', () => {
    const run = schedule(project([issue('a', 3, { status: 'done' }), issue('b', 2)], [['b', 'a']]));
    expect([...run.entries.keys()]).toEqual(['b']);
    expect(run.end).toBe(2);
  });

  it('ends at zero with an empty chain when nothing is open', () => {
    const run = schedule(project([issue('a', 3, { status: 'wont_do' })]));
    expect(run.end).toBe(0);
    expect(run.chain).toEqual([]);
  });

  it('is the reference schedule, issue by issue', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input);
        const likely = new Map(input.issues.map((i) => [i.key, i.estimateDays ?? 1]));
        const reference = referenceSchedule(input, (key) => likely.get(key)!);
        // Among interchangeable people (same capacity, nothing assigned), which one takes an issue is no
        // rule: only the times must agree (the lanes never overlap: see below).
        const crew = crewFor(input.team, run.graph);
        const interchangeable =
          !crew.owned && crew.people.every((p) => p.capacity === crew.people[0]!.capacity);
        const times = (entries: Map<string, { start: number; finish: number }>) =>
          new Map([...entries].map(([key, { start, finish }]) => [key, { start, finish }]));
        if (interchangeable) expect(times(run.entries)).toEqual(times(reference.entries));
        else expect(run.entries).toEqual(reference.entries);
      }),
      { numRuns: 500 },
    );
  });

  it('schedules the same, bit for bit, whether its running issues are a sorted list or a heap', () => {
    fc.assert(
      fc.property(forecastArbitrary(12), fc.nat(), (input, seed) => {
        const graph = buildForecastGraph(input);
        const crew = crewFor(input.team, graph);
        // Sorted list for every crew, or heap for every crew (crews here have at most 12 people).
        const listed = new LevelledScheduler(graph, crew, Number.MAX_SAFE_INTEGER);
        const heaped = new LevelledScheduler(graph, crew, 0);
        const sampler = pertSampler(graph.low, graph.likely, graph.high);
        const random = new SeededRandom(seed);
        const durations = Float64Array.from(graph.likely);
        // Drawn durations: ties and zero-length issues (low 0) come and go from one run to the next.
        for (let trial = 0; trial < 5; trial++) {
          expect(listed.run(durations)).toBe(heaped.run(durations));
          expect(listed.last).toBe(heaped.last);
          for (const field of ['start', 'finish', 'person', 'driver'] as const)
            expect(listed[field]).toEqual(heaped[field]);
          drawDurations(sampler, random, durations);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never runs more issues at once than there are people, nor two at once for one person', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input);
        const team = input.team ?? 1;
        const people = typeof team === 'number' ? team : team.length;
        const working = [...run.entries.values()].filter((e) => e.finish > e.start);
        for (const { start } of working) {
          const at = working.filter((e) => e.start <= start && start < e.finish);
          expect(at.length).toBeLessThanOrEqual(people);
          expect(new Set(at.map((e) => e.person)).size).toBe(at.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never starts an issue before its open blockers finish', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input);
        for (const { issue: key, blockedBy } of input.edges) {
          const e = run.entries.get(key);
          const b = run.entries.get(blockedBy);
          if (e !== undefined && b !== undefined) expect(e.start).toBeGreaterThanOrEqual(b.finish);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves a person idle while a ready issue they may take waits', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input);
        const crew = crewFor(input.team, run.graph);
        const blockers = (key: string) =>
          input.edges.filter((e) => e.issue === key && run.entries.has(e.blockedBy)).map((e) => e.blockedBy);
        const keyOf = (r: number) => run.graph.plan.keys[run.graph.idOfRank[r]!]!;
        // At every event time, no issue that was ready then and started later could have gone to a person
        // idle at that moment.
        const times = [...new Set([...run.entries.values()].flatMap((e) => [e.start, e.finish]))];
        for (const t of times) {
          const idle = crew.people
            .map((_, p) => p)
            .filter(
              (p) => ![...run.entries.values()].some((e) => e.person === p && e.start <= t && t < e.finish),
            );
          for (let r = 0; r < run.graph.open; r++) {
            const e = run.entries.get(keyOf(r))!;
            const ready = blockers(keyOf(r)).every((b) => run.entries.get(b)!.finish <= t);
            if (!ready || e.start <= t) continue;
            const owner = crew.owner[r]!;
            expect(owner < 0 ? idle : idle.filter((p) => p === owner)).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ends at the CPM length with as many people as open issues', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input, 12);
        expect(run.end).toBe(run.graph.cpm.lengthDays);
        expect(run.end).toBeCloseTo(computePlan(input).criticalPath.lengthDays, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('ends at the sum of the open estimates with one person', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input, 1);
        const sum = input.issues
          .filter((i) => i.status === 'open' || i.status === 'in_progress')
          .reduce((s, i) => s + (i.estimateDays ?? 1), 0);
        expect(run.end).toBeCloseTo(sum, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('follows a chain of drivers that ends at the end, each link finishing as the next starts', () => {
    fc.assert(
      fc.property(forecastArbitrary(), (input) => {
        const run = schedule(input);
        if (run.chain.length === 0) return;
        const entries = run.chain.map((k) => run.entries.get(k)!);
        expect(entries.at(-1)!.finish).toBe(run.end);
        expect(entries[0]!.start).toBe(0);
        for (let i = 0; i + 1 < entries.length; i++) expect(entries[i]!.finish).toBe(entries[i + 1]!.start);
      }),
      { numRuns: 300 },
    );
  });
});
