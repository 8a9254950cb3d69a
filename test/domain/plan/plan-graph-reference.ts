// The plan graph built the plain way (not a test file itself): a sort by key, a Map from key to id, a Set
// of edges, each rule checked where it reads best. plan-graph.test.ts holds buildPlanGraph to it, arrays
// and problems alike, on inputs that take every path of the fast build.
import fc from 'fast-check';
import { InvalidInputError, type InvalidItem } from '../../../src/domain/errors.js';
import {
  ownParentMessage,
  parentCycleMessage,
  parentCycles,
} from '../../../src/domain/graph/parent-cycle.js';
import { ISSUE_PRIORITIES, ISSUE_STATUSES } from '../../../src/domain/model.js';
import { NO_PRIORITY, type PlanGraph } from '../../../src/domain/plan/plan-graph.js';
import { DEFAULT_ESTIMATE_DAYS, type PlanInput } from '../../../src/domain/plan/types.js';

/** What buildPlanGraph must answer for `input`: the graph, or the InvalidInputError with every problem. */
export function referencePlanGraph(input: PlanInput): PlanGraph {
  const errors: InvalidItem[] = [];
  const defaultEstimateDays = input.defaultEstimateDays ?? DEFAULT_ESTIMATE_DAYS;
  if (!(Number.isFinite(defaultEstimateDays) && defaultEstimateDays >= 0))
    errors.push({ path: 'defaultEstimateDays', message: 'must be a finite number >= 0' });

  // Ids in key order; a repeated key is a problem, and its later occurrences share the first one's id.
  const keys = [...new Set(input.issues.map((issue) => issue.key))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const id = new Map(keys.map((key, v) => [key, v]));
  const seen = new Set<string>();
  input.issues.forEach(({ key }, i) => {
    if (seen.has(key)) errors.push({ path: `issues[${i}].key`, message: `duplicate key '${key}'` });
    seen.add(key);
  });

  // One record per id; a repeated key's later occurrences write over the first's (the build does too).
  const byId = keys.map(() => ({
    status: 0,
    duration: 0,
    defaulted: 0,
    parent: -1,
    priority: NO_PRIORITY as number,
  }));
  input.issues.forEach((issue, i) => {
    const v = id.get(issue.key)!;
    const record = byId[v]!;
    // ISSUE_STATUSES lists them in code order: OPEN, IN_PROGRESS, DONE, WONT_DO.
    const code = (ISSUE_STATUSES as readonly string[]).indexOf(issue.status);
    if (code >= 0) record.status = code;
    else errors.push({ path: `issues[${i}].status`, message: `unknown status '${issue.status}'` });
    if (issue.priority != null) {
      const rank = (ISSUE_PRIORITIES as readonly string[]).indexOf(issue.priority);
      if (rank >= 0) record.priority = rank;
      else errors.push({ path: `issues[${i}].priority`, message: `unknown priority '${issue.priority}'` });
    }
    if (issue.estimateDays == null) {
      record.duration = defaultEstimateDays;
      record.defaulted = 1;
    } else if (Number.isFinite(issue.estimateDays) && issue.estimateDays >= 0)
      record.duration = issue.estimateDays;
    else errors.push({ path: `issues[${i}].estimateDays`, message: 'must be a finite number >= 0 or null' });
    if (issue.parent != null) {
      const p = id.get(issue.parent);
      if (p === undefined)
        errors.push({ path: `issues[${i}].parent`, message: `unknown issue '${issue.parent}'` });
      else if (p === v) errors.push({ path: `issues[${i}].parent`, message: ownParentMessage(issue.key) });
      else record.parent = p;
    }
  });
  for (const loop of parentCycles(Int32Array.from(byId, (r) => r.parent))) {
    const at = input.issues.findIndex((issue) => issue.key === keys[loop[0]!]);
    errors.push({ path: `issues[${at}].parent`, message: parentCycleMessage(loop.map((v) => keys[v]!)) });
  }

  const blockers = keys.map(() => new Set<number>());
  input.edges.forEach((edge, e) => {
    const v = id.get(edge.issue);
    const u = id.get(edge.blockedBy);
    if (v === undefined) errors.push({ path: `edges[${e}].issue`, message: `unknown issue '${edge.issue}'` });
    if (u === undefined)
      errors.push({ path: `edges[${e}].blockedBy`, message: `unknown issue '${edge.blockedBy}'` });
    if (u === undefined || v === undefined) return;
    if (u === v) errors.push({ path: `edges[${e}]`, message: `'${edge.issue}' cannot be blocked by itself` });
    else blockers[v]!.add(u);
  });
  if (errors.length > 0)
    throw new InvalidInputError(`the plan input has ${errors.length} problem(s)`, errors);

  const rowsBy = (rows: number[][]) => ({
    start: Int32Array.from([0, ...rows.map((_, v) => rows.slice(0, v + 1).flat().length)]),
    adj: Int32Array.from(rows.flat()),
  });
  const byIssue = rowsBy(blockers.map((row) => [...row].sort((a, b) => a - b)));
  const byBlocker = rowsBy(keys.map((_, u) => keys.map((_, v) => v).filter((v) => blockers[v]!.has(u))));
  return {
    n: keys.length,
    keys,
    idOfInput: Int32Array.from(input.issues, (issue) => id.get(issue.key)!),
    status: Uint8Array.from(byId, (r) => r.status),
    duration: Float64Array.from(byId, (r) => r.duration),
    defaulted: Uint8Array.from(byId, (r) => r.defaulted),
    parent: Int32Array.from(byId, (r) => r.parent),
    priority: Uint8Array.from(byId, (r) => r.priority),
    blockersStart: byIssue.start,
    blockersAdj: byIssue.adj,
    blocksStart: byBlocker.start,
    blocksAdj: byBlocker.adj,
    defaultEstimateDays,
  };
}

/** buildPlanGraph's answer as plain data: the graph's arrays, or the error's message and problems. */
export function outcome(build: () => PlanGraph): unknown {
  try {
    const g = build();
    return Object.fromEntries(
      Object.entries(g).map(([name, value]) => [
        name,
        ArrayBuffer.isView(value) ? [...(value as Int32Array)] : value,
      ]),
    );
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { message: error.message, errors: error.errors };
  }
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Plan inputs that take every path of buildPlanGraph: numbered keys (sometimes with a stray one that is
 * not: another prefix, a leading zero) or letters; issues and edges in any order, or as the store reads
 * them (by key; edges by issue, then blocker), or edges grouped by issue; repeated edges and keys; and,
 * now and then, every kind of bad input (unknown statuses, priorities and keys, bad estimates, self edges,
 * parent cycles).
 */
export function graphInputArbitrary(): fc.Arbitrary<PlanInput> {
  const numbered = fc.uniqueArray(fc.nat({ max: 400 }), { maxLength: 40, size: 'medium' }).chain((xs) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(xs.map((x) => `ISS-${x}`)) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('BUG-7', 'ISS-07', 'ISS-', 'ISS-1x')
          .map((odd) => [...xs.map((x) => `ISS-${x}`), odd]),
      },
    ),
  );
  const letters = fc.uniqueArray(
    fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), minLength: 1, maxLength: 3 }),
    { maxLength: 30, size: 'medium' },
  );
  const bad = (perMille: number) => fc.noBias(fc.nat({ max: 999 })).map((x) => x < perMille);
  return fc
    .record({
      keys: fc.oneof({ weight: 3, arbitrary: numbered }, { weight: 1, arbitrary: letters }),
      picks: fc.array(
        fc.record({
          status: fc.nat(),
          priority: fc.nat(),
          estimate: fc.nat(),
          parent: fc.nat(),
          bad: bad(8),
        }),
        { maxLength: 45, size: 'medium' },
      ),
      edges: fc.array(fc.record({ issue: fc.nat(), blocker: fc.nat(), bad: bad(4) }), {
        maxLength: 120,
        size: 'medium',
      }),
      repeatKey: bad(30),
      order: fc.constantFrom('any', 'store', 'grouped'),
      defaultEstimateDays: fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom(undefined, 0, 2) },
        { weight: 1, arbitrary: fc.constant(-1) },
      ),
    })
    .map(({ keys, picks, edges, repeatKey, order, defaultEstimateDays }) => {
      const pick = (x: number) => keys[x % keys.length]!;
      const issues = keys.map((key, i) => {
        const p = picks[i] ?? { status: i, priority: i, estimate: i, parent: i, bad: false };
        return {
          key,
          status: p.bad && p.status % 4 === 0 ? 'paused' : ISSUE_STATUSES[p.status % 4]!,
          estimateDays: p.bad && p.status % 4 === 1 ? -1 : p.estimate % 5 === 0 ? null : p.estimate % 4,
          // Parents point to earlier issues (a forest), but a bad pick points anywhere (cycles, itself).
          parent:
            p.parent % 3 !== 0 || i === 0
              ? null
              : !p.bad
                ? keys[p.parent % i]!
                : p.parent % 5 === 0
                  ? 'ghost'
                  : pick(p.parent),
          ...(p.priority % 3 === 0
            ? {}
            : { priority: p.bad && p.status % 4 === 2 ? 'p9' : ISSUE_PRIORITIES[p.priority % 4]! }),
        } as PlanInput['issues'][number];
      });
      if (repeatKey && issues.length > 1) issues.push({ ...issues[issues.length - 1]!, key: issues[0]!.key });
      const deps =
        keys.length < 2
          ? []
          : edges.flatMap(({ issue, blocker, bad }) => {
              if (bad) return [{ issue: pick(issue), blockedBy: issue % 2 === 0 ? 'nobody' : pick(issue) }];
              const [a, b] = [issue % keys.length, blocker % keys.length];
              return a === b ? [] : [{ issue: keys[Math.max(a, b)]!, blockedBy: keys[Math.min(a, b)]! }];
            });
      if (order === 'store') {
        issues.sort((a, b) => byKey(a.key, b.key));
        deps.sort((a, b) => byKey(a.issue, b.issue) || byKey(a.blockedBy, b.blockedBy));
      } else if (order === 'grouped') deps.sort((a, b) => byKey(a.issue, b.issue));
      return { issues, edges: deps, ...(defaultEstimateDays === undefined ? {} : { defaultEstimateDays }) };
    });
}
