// The team as the levelled scheduler sees it: people in lane order with their capacity, and for each
// open issue the person it waits for. A number N is N interchangeable full-time people ("person 1" …),
// who ignore assignees; named people take their own issues, and anyone takes an unassigned one.

import { InvalidInputError, type InvalidItem } from '../errors.js';
import { IN_PROGRESS } from '../plan/plan-graph.js';
import type { ForecastGraph } from './forecast-graph.js';
import { DEFAULT_TEAM, type ForecastAssumption, type Person, type TeamSetting } from './types.js';

export interface Crew {
  people: Person[];
  /** Capacity by lane: estimate-days done per working day. */
  capacity: Float64Array;
  /** Lane each open issue (by rank) must wait for; -1 for anyone. */
  owner: Int32Array;
  /** True when some issue has an owner: the scheduler then looks at each person's own queue. */
  owned: boolean;
  assumptions: ForecastAssumption[];
}

/**
 * A person's capacity: from a twentieth of a full-time person (a few hours a week) to ten. Below, an
 * estimate would stretch past any calendar (a day of work for 1e-9 of a person is a billion days).
 */
export const MIN_CAPACITY = 0.05;
export const MAX_CAPACITY = 10;

/**
 * The problems of a team setting, each at `${prefix}team…`: a whole number of people >= 1, or named
 * people, at least one, each named once, each with a capacity from MIN_CAPACITY to MAX_CAPACITY.
 */
export function teamProblems(team: TeamSetting, prefix = ''): InvalidItem[] {
  if (typeof team === 'number')
    return Number.isInteger(team) && team >= 1
      ? []
      : [
          {
            path: `${prefix}team`,
            message: 'must be a whole number of people >= 1, or a list of named people',
          },
        ];
  const problems: InvalidItem[] = [];
  if (team.length === 0) problems.push({ path: `${prefix}team`, message: 'needs at least one person' });
  const named = new Set<string>();
  team.forEach((person, i) => {
    const at = `${prefix}team[${i}]`;
    if (person.name.trim() === '') problems.push({ path: `${at}.name`, message: 'must not be empty' });
    else if (named.has(person.name))
      problems.push({ path: `${at}.name`, message: `'${person.name}' is named twice` });
    named.add(person.name);
    if (
      !(
        Number.isFinite(person.capacity) &&
        person.capacity >= MIN_CAPACITY &&
        person.capacity <= MAX_CAPACITY
      )
    )
      problems.push({
        path: `${at}.capacity`,
        message: `must be a number from ${MIN_CAPACITY} to ${MAX_CAPACITY} (a share of a full-time person)`,
      });
  });
  return problems;
}

/**
 * The crew; InvalidInputError listing every problem of the team setting (teamProblems). No team (null or
 * absent): DEFAULT_TEAM people, said in the assumptions.
 */
export function crewFor(setting: TeamSetting | null | undefined, graph: ForecastGraph): Crew {
  const { open, assignee, plan, idOfRank } = graph;
  const owner = new Int32Array(open).fill(-1);
  const keysOf = (ranks: number[]) => ranks.map((r) => plan.keys[idOfRank[r]!]!).sort();
  const assumptions: ForecastAssumption[] = [];
  const team = setting ?? DEFAULT_TEAM;
  if (setting === null || setting === undefined)
    assumptions.push({ kind: 'default-team', people: DEFAULT_TEAM });
  const inProgress: number[] = [];
  for (let r = 0; r < open; r++) if (plan.status[idOfRank[r]!] === IN_PROGRESS) inProgress.push(r);
  if (inProgress.length > 0) assumptions.push({ kind: 'in-progress-whole', keys: keysOf(inProgress) });

  const problems = teamProblems(team);
  if (problems.length > 0) throw new InvalidInputError('the team is invalid', problems);
  if (typeof team === 'number') {
    // More people than open issues would never all work: one lane per open issue at most.
    const lanes = Math.max(1, Math.min(team, open));
    const people = Array.from({ length: lanes }, (_, i) => ({ name: `person ${i + 1}`, capacity: 1 }));
    const assigned: number[] = [];
    for (let r = 0; r < open; r++) if (assignee[r] !== null) assigned.push(r);
    if (assigned.length > 0) assumptions.push({ kind: 'assignees-ignored', keys: keysOf(assigned) });
    return { people, capacity: new Float64Array(lanes).fill(1), owner, owned: false, assumptions };
  }

  const lane = new Map(team.map((person, i) => [person.name, i]));
  let owned = false;
  const unknown: { key: string; assignee: string }[] = [];
  for (let r = 0; r < open; r++) {
    const name = assignee[r];
    if (name === null || name === undefined) continue;
    const p = lane.get(name);
    if (p === undefined) unknown.push({ key: plan.keys[idOfRank[r]!]!, assignee: name });
    else {
      owner[r] = p;
      owned = true;
    }
  }
  unknown.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const { key, assignee: name } of unknown)
    assumptions.push({ kind: 'unknown-assignee', key, assignee: name });
  return {
    people: team.map(({ name, capacity }) => ({ name, capacity })),
    capacity: Float64Array.from(team, (p) => p.capacity),
    owner,
    owned,
    assumptions,
  };
}
