import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { forecastTrailEvent } from '../../src/domain/forecast/forecast-trail.js';
import { type ProjectState, projectStatesAt } from '../../src/domain/forecast/project-at.js';
import type { IssueStatus, ProjectDocument } from '../../src/domain/model.js';
import { compareKeys } from '../../src/domain/plan/key-order.js';
import { projectState } from '../../src/services/forecast-service.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

// Random writes through the real stores (as the API makes them: issues, edges, the project's settings, a
// GitHub sync's apply), the project read after each one; then every state is rebuilt from the final state
// and the trail, at the instant after its write, and must equal what was read then.

const KEYS = ['a', 'b', 'c', 'd', 'e'];
const STATUSES: IssueStatus[] = ['open', 'open', 'in_progress', 'done', 'wont_do'];
const key = fc.constantFrom(...KEYS);
const range = fc.constantFrom(
  { estimateDays: null, estimateLowDays: null, estimateHighDays: null },
  { estimateDays: 2, estimateLowDays: 1, estimateHighDays: 5 },
  { estimateDays: 3, estimateLowDays: null, estimateHighDays: 8 },
  { estimateDays: 0.5, estimateLowDays: null, estimateHighDays: null },
);

const write = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    key,
    status: fc.constantFrom(...STATUSES),
    range,
    parent: fc.option(key, { nil: null }),
    assignee: fc.option(fc.constantFrom('eric', 'victor'), { nil: null }),
  }),
  fc.record({ op: fc.constant('status' as const), key, status: fc.constantFrom(...STATUSES) }),
  fc.record({ op: fc.constant('range' as const), key, range }),
  fc.record({
    op: fc.constant('assignee' as const),
    key,
    assignee: fc.option(fc.constant('eric'), { nil: null }),
  }),
  fc.record({ op: fc.constant('priority' as const), key, priority: fc.constantFrom('p0', 'p2', null) }),
  fc.record({ op: fc.constant('parent' as const), key, parent: fc.option(key, { nil: null }) }),
  fc.record({ op: fc.constant('delete' as const), key }),
  fc.record({ op: fc.constant('edge' as const), issue: key, blockedBy: key }),
  fc.record({ op: fc.constant('unedge' as const), issue: key, blockedBy: key }),
  fc.record({
    op: fc.constant('settings' as const),
    team: fc.constantFrom(null, 2, [{ name: 'eric', capacity: 0.5 }]),
    days: fc.constantFrom(1, 2),
    holidays: fc.constantFrom([], ['2026-12-24']),
  }),
  fc.record({
    op: fc.constant('sync' as const),
    key,
    status: fc.constantFrom(...STATUSES),
    team: fc.constantFrom(3, 4),
  }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

let t: TempDatabase;
let project = 0;
beforeAll(async () => {
  t = await createTempDatabase();
});
afterAll(() => t.cleanup());

async function apply(slug: string, w: Write): Promise<void> {
  const { issues, dependencies, projects, documents } = t.db.stores;
  const by = { actor: 'test' };
  try {
    switch (w.op) {
      case 'create':
        await issues.create(
          slug,
          { key: w.key, title: w.key, status: w.status, ...w.range, parent: w.parent, assignee: w.assignee },
          by,
        );
        break;
      case 'status':
        await issues.update(slug, w.key, { status: w.status }, by);
        break;
      case 'range':
        await issues.update(slug, w.key, w.range, by);
        break;
      case 'assignee':
        await issues.update(slug, w.key, { assignee: w.assignee }, by);
        break;
      case 'priority':
        await issues.update(slug, w.key, { priority: w.priority as 'p0' | 'p2' | null }, by);
        break;
      case 'parent':
        await issues.update(slug, w.key, { parent: w.parent }, by);
        break;
      case 'delete':
        await issues.remove(slug, w.key, by);
        break;
      case 'edge':
        await dependencies.add(slug, { issue: w.issue, blockedBy: w.blockedBy }, by);
        break;
      case 'unedge':
        await dependencies.remove(slug, { issue: w.issue, blockedBy: w.blockedBy }, by);
        break;
      case 'settings':
        await projects.update(
          slug,
          { team: w.team, defaultEstimateDays: w.days, holidays: [...w.holidays] },
          by,
        );
        break;
      case 'sync':
        // A GitHub sync: the project's team and one issue's status change, a new issue comes in.
        await documents.apply(
          slug,
          (doc) => ({
            ...doc,
            project: { ...doc!.project, team: w.team },
            issues: [
              ...doc!.issues.map((i) => (i.key === w.key ? { ...i, status: w.status } : i)),
              ...(doc!.issues.some((i) => i.key === 'g')
                ? []
                : [{ ...doc!.issues[0]!, key: 'g', parent: null }]),
            ],
          }),
          by,
        );
        break;
    }
  } catch (error) {
    // A refused write (unknown key, cycle, duplicate, own parent) changes nothing.
    if (!(error instanceof DomainError)) throw error;
  }
}

async function read(slug: string): Promise<ProjectState> {
  const { stores } = t.db;
  const [p, rows] = await Promise.all([stores.projects.get(slug), stores.issues.listPlanRows(slug)]);
  const state = projectState(p, rows);
  state.edges.sort((x, y) => compareKeys(x.issue, y.issue) || compareKeys(x.blockedBy, y.blockedBy));
  return state;
}

/** An instant after every change made so far and before any made next. */
async function tick(): Promise<Date> {
  const now = Date.now();
  while (Date.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1));
  return new Date(Date.now());
}

describe('the project rebuilt at a past instant from the trail', () => {
  it('equals the project read then, after every write, and the current project now', {
    timeout: 180_000,
  }, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 25 }), async (writes) => {
        const slug = `p${++project}`;
        const { stores } = t.db;
        const beforeCreation = await tick();
        await stores.projects.create({ slug, name: slug, team: 1 }, { actor: 'test' });
        for (const k of KEYS.slice(0, -1))
          await stores.issues.create(slug, { key: k, title: k }, { actor: 'test' });
        const instants: Date[] = [beforeCreation];
        const expected: (ProjectState | null)[] = [null];
        for (const w of writes) {
          await apply(slug, w);
          instants.push(await tick());
          expected.push(await read(slug));
        }
        const current = await read(slug);
        const events = await stores.audit.listAll(slug);
        const rebuilt = projectStatesAt(current, events, [...instants, new Date(8.64e15)]);
        expect(rebuilt.states).toEqual([...expected, current]);
        // The trail as the forecast keeps it (without what no forecast reads) rebuilds the same states.
        const kept = events.map(forecastTrailEvent);
        expect(projectStatesAt(current, kept, [...instants, new Date(8.64e15)])).toEqual(rebuilt);
        expect(rebuilt.trailStart?.action).toBe('project.create');
        checked += writes.length;
      }),
      { numRuns: 25 },
    );
    expect(checked).toBeGreaterThan(25);
  });
});

// Trail shapes the random writes above do not make, written through the real stores: a sync's rename
// of a parent with children and edges, a parent deleted and its key created again, an edge removed and
// added again, writes after an import. Each state rebuilt must equal the state read then.

const testActor = { actor: 'test' };

/** Runs each write, reading the project after it; then checks every state rebuilt from the trail. */
async function rebuildsEachState(slug: string, writes: (() => Promise<unknown>)[]) {
  const instants: Date[] = [];
  const expected: ProjectState[] = [];
  for (const w of writes) {
    await w();
    instants.push(await tick());
    expected.push(await read(slug));
  }
  const events = await t.db.stores.audit.listAll(slug);
  const rebuilt = projectStatesAt(await read(slug), events, instants);
  expect(rebuilt.states).toEqual(expected);
  expect(projectStatesAt(await read(slug), events.map(forecastTrailEvent), instants)).toEqual(rebuilt);
  return { ...rebuilt, actions: new Set(events.map((e) => e.action)) };
}

const issue = (key: string, githubId: number, fields: Record<string, unknown> = {}) => ({
  key,
  title: key,
  githubId,
  ...fields,
});

describe('the project rebuilt from trail shapes a random write does not make', () => {
  it("undoes a sync's rename of a parent with children and edges", async () => {
    const { documents } = t.db.stores;
    const sync = (doc: Omit<ProjectDocument, 'version' | 'project'>) => () =>
      documents.apply(
        'renamed',
        (before) =>
          ({ version: 1, project: before?.project ?? { slug: 'renamed', name: 'r' }, ...doc }) as never,
        testActor,
      );
    const { actions } = await rebuildsEachState('renamed', [
      sync({
        issues: [
          issue('p', 1, { estimateDays: 3 }),
          issue('c', 2, { parent: 'p', status: 'in_progress' }),
          issue('d', 3),
        ] as never,
        dependencies: [
          { issue: 'p', blockedBy: 'd' },
          { issue: 'c', blockedBy: 'p' },
        ],
      }),
      sync({
        issues: [
          issue('q', 1, { estimateDays: 5, status: 'done' }),
          issue('c', 2, { parent: 'q', status: 'in_progress' }),
          issue('d', 3),
        ] as never,
        dependencies: [
          { issue: 'q', blockedBy: 'd' },
          { issue: 'c', blockedBy: 'q' },
        ],
      }),
      sync({
        issues: [issue('r', 1, { estimateDays: 5 }), issue('c', 2, { parent: 'r' }), issue('e', 4)] as never,
        dependencies: [{ issue: 'c', blockedBy: 'e' }],
      }),
    ]);
    expect(actions).toContain('issue.rename');
  });

  it('undoes a parent deleted and its key created again, and an edge removed and added again', async () => {
    const { projects, issues, dependencies } = t.db.stores;
    const slug = 'again';
    await rebuildsEachState(slug, [
      () => projects.create({ slug, name: slug }, testActor),
      () => issues.create(slug, { key: 'p', title: 'p', estimateDays: 2 }, testActor),
      () => issues.create(slug, { key: 'c', title: 'c', parent: 'p', status: 'in_progress' }, testActor),
      () => issues.create(slug, { key: 'b', title: 'b' }, testActor),
      () => dependencies.add(slug, { issue: 'c', blockedBy: 'p' }, testActor),
      () => dependencies.add(slug, { issue: 'p', blockedBy: 'b' }, testActor),
      () => issues.remove(slug, 'p', testActor),
      () => issues.create(slug, { key: 'p', title: 'p again', status: 'done' }, testActor),
      () => issues.update(slug, 'c', { parent: 'p' }, testActor),
      () => dependencies.add(slug, { issue: 'c', blockedBy: 'p' }, testActor),
      () => dependencies.remove(slug, { issue: 'c', blockedBy: 'p' }, testActor),
      () => dependencies.add(slug, { issue: 'c', blockedBy: 'p' }, testActor),
    ]);
  });

  it('rebuilds the writes after an import, and nothing before it', async () => {
    const { projects, issues, documents } = t.db.stores;
    const slug = 'imported';
    const before = await tick();
    await projects.create({ slug, name: slug, team: 1 }, testActor);
    await issues.create(slug, { key: 'old', title: 'old' }, testActor);
    const rebuilt = await rebuildsEachState(slug, [
      () =>
        documents.import(
          slug,
          {
            version: 1,
            project: { slug, name: slug, team: 3 },
            issues: [
              { key: 'a', title: 'a' },
              { key: 'b', title: 'b', parent: 'a' },
            ],
            dependencies: [{ issue: 'b', blockedBy: 'a' }],
          },
          testActor,
        ),
      () => issues.remove(slug, 'a', testActor),
      () => projects.update(slug, { team: 2 }, testActor),
    ]);
    expect(rebuilt.trailStart?.action).toBe('project.import');
    const events = await t.db.stores.audit.listAll(slug);
    expect(projectStatesAt(await read(slug), events, [before]).states).toEqual([null]);
  });
});
