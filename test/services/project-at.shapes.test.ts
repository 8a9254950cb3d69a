import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProjectState, projectStatesAt } from '../../src/domain/forecast/project-at.js';
import type { ProjectDocument } from '../../src/domain/model.js';
import { compareKeys } from '../../src/domain/plan/key-order.js';
import { projectState } from '../../src/services/forecast-service.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

// Trail shapes the property test's writes do not make, written through the real stores: a sync's
// rename of a parent with children and edges, a parent deleted and its key created again, an edge
// removed and added again, writes after an import. Each state rebuilt must equal the state read then.

let t: TempDatabase;
beforeAll(async () => {
  t = await createTempDatabase();
});
afterAll(() => t.cleanup());

const by = { actor: 'test' };

async function read(slug: string): Promise<ProjectState> {
  const { stores } = t.db;
  const [p, rows] = await Promise.all([stores.projects.get(slug), stores.issues.listPlanRows(slug)]);
  const state = projectState(p, rows);
  state.edges.sort((x, y) => compareKeys(x.issue, y.issue) || compareKeys(x.blockedBy, y.blockedBy));
  return state;
}

async function tick(): Promise<Date> {
  const now = Date.now();
  while (Date.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1));
  return new Date(Date.now());
}

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
        by,
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
      () => projects.create({ slug, name: slug }, by),
      () => issues.create(slug, { key: 'p', title: 'p', estimateDays: 2 }, by),
      () => issues.create(slug, { key: 'c', title: 'c', parent: 'p', status: 'in_progress' }, by),
      () => issues.create(slug, { key: 'b', title: 'b' }, by),
      () => dependencies.add(slug, { issue: 'c', blockedBy: 'p' }, by),
      () => dependencies.add(slug, { issue: 'p', blockedBy: 'b' }, by),
      () => issues.remove(slug, 'p', by),
      () => issues.create(slug, { key: 'p', title: 'p again', status: 'done' }, by),
      () => issues.update(slug, 'c', { parent: 'p' }, by),
      () => dependencies.add(slug, { issue: 'c', blockedBy: 'p' }, by),
      () => dependencies.remove(slug, { issue: 'c', blockedBy: 'p' }, by),
      () => dependencies.add(slug, { issue: 'c', blockedBy: 'p' }, by),
    ]);
  });

  it('rebuilds the writes after an import, and nothing before it', async () => {
    const { projects, issues, documents } = t.db.stores;
    const slug = 'imported';
    const before = await tick();
    await projects.create({ slug, name: slug, team: 1 }, by);
    await issues.create(slug, { key: 'old', title: 'old' }, by);
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
          by,
        ),
      () => issues.remove(slug, 'a', by),
      () => projects.update(slug, { team: 2 }, by),
    ]);
    expect(rebuilt.trailStart?.action).toBe('project.import');
    const events = await t.db.stores.audit.listAll(slug);
    expect(projectStatesAt(await read(slug), events, [before]).states).toEqual([null]);
  });
});
