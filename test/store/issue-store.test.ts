import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '../../src/domain/errors.js';
import type { Issue } from '../../src/domain/model.js';
import { etagOf } from '../../src/store/etag.js';
import type { Stores } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
let stores: Stores;
const by = { actor: 'alice' };
let counter = 0;
let project: string;

beforeAll(async () => {
  temp = await createTempDatabase();
  stores = temp.db.stores;
});
afterAll(async () => temp.cleanup());
beforeEach(async () => {
  project = `p-${++counter}`;
  await stores.projects.create({ slug: project, name: 'P' }, by);
});

async function givenIssues(...keys: string[]): Promise<void> {
  for (const key of keys) await stores.issues.create(project, { key, title: `Issue ${key}` }, by);
}

async function actions(): Promise<string[]> {
  return (await stores.audit.list(project, { limit: 100 })).items.map((e) =>
    `${e.action} ${e.target ?? ''}`.trim(),
  );
}

describe('IssueStore', () => {
  it('creates an issue with every field and reads it back', async () => {
    await givenIssues('parent');
    const created = await stores.issues.create(
      project,
      {
        key: 'bpo-39511',
        title: 'Per-interpreter singletons',
        body: 'text',
        status: 'wont_do',
        estimateDays: 2.5,
        parent: 'parent',
        url: 'https://bugs.python.org/issue39511',
        labels: ['singletons', 'b', 'singletons'],
        claims: [{ component: 'singleton.None', placement: 'per-interpreter' }],
        checks: [{ name: 'c', workload: 'singletons' }],
      },
      by,
    );
    expect(created).toMatchObject({
      key: 'bpo-39511',
      status: 'wont_do',
      estimateDays: 2.5,
      parent: 'parent',
      labels: ['b', 'singletons'],
      claims: [{ component: 'singleton.None', placement: 'per-interpreter' }],
      checks: [{ name: 'c', workload: 'singletons' }],
      blockedBy: [],
      blocks: [],
    });
    expect(await stores.issues.get(project, 'bpo-39511')).toEqual(created);
  });

  it('reads the plan input: each issue with its status, estimates, assignee, priority and parent, and every edge', async () => {
    await stores.issues.create(project, { key: 'a', title: 'A', estimateDays: 2, status: 'done' }, by);
    await stores.issues.create(
      project,
      {
        key: 'b',
        title: 'B',
        parent: 'a',
        estimateDays: 3,
        estimateHighDays: 5,
        assignee: 'eric',
        priority: 'p1',
      },
      by,
    );
    await stores.dependencies.add(project, { issue: 'b', blockedBy: 'a' }, by);
    const none = { estimateLowDays: null, estimateHighDays: null, assignee: null, priority: null };
    const { revision, createdAt, defaultEstimateDays } = await stores.projects.get(project);
    expect(await stores.issues.listPlanRows(project)).toEqual({
      issues: [
        { key: 'a', status: 'done', estimateDays: 2, ...none, parent: null },
        {
          key: 'b',
          status: 'open',
          estimateDays: 3,
          ...none,
          estimateHighDays: 5,
          assignee: 'eric',
          priority: 'p1',
          parent: 'a',
        },
      ],
      edges: [{ issue: 'b', blockedBy: 'a' }],
      project: { revision, createdAt, defaultEstimateDays },
    });
    await expect(stores.issues.listPlanRows('no-such-project')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses claims and checks the simulator does not know, naming each, and stores nothing', async () => {
    const error = await stores.issues
      .create(
        project,
        {
          key: 'x',
          title: 'X',
          claims: [{ component: 'freelist.nope', placement: 'per-interpreter' }],
          checks: [{ name: 'c', workload: 'no-such-workload' }],
        },
        by,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors.map((e) => e.path)).toEqual([
      'claims[0].component',
      'checks[0].workload',
    ]);
    await expect(stores.issues.get(project, 'x')).rejects.toBeInstanceOf(NotFoundError);
    await givenIssues('y');
    await expect(
      stores.issues.update(project, 'y', { claims: [{ component: 'gc', placement: 'sideways' }] }, by),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect((await stores.issues.get(project, 'y')).claims).toEqual([]);
  });

  it('applies the defaults for what the input leaves out', async () => {
    const issue = await stores.issues.create(project, { key: 'a', title: 'A' }, by);
    expect(issue).toMatchObject({
      body: '',
      status: 'open',
      estimateDays: null,
      parent: null,
      url: null,
      labels: [],
    });
  });

  it('refuses a duplicate key, and unknown projects and issues', async () => {
    await givenIssues('a');
    await expect(stores.issues.create(project, { key: 'a', title: 'again' }, by)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(stores.issues.create('nope', { key: 'a', title: 'A' }, by)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(stores.issues.get(project, 'zz')).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.issues.list('nope', {}, { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an unknown parent and an issue as its own parent', async () => {
    await givenIssues('a');
    await expect(
      stores.issues.create(project, { key: 'b', title: 'B', parent: 'zz' }, by),
    ).rejects.toMatchObject({
      errors: [{ path: 'parent', message: expect.stringContaining("'zz'") }],
    });
    await expect(stores.issues.update(project, 'a', { parent: 'a' }, by)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('refuses a parent that is a descendant, naming the parent cycle', async () => {
    await givenIssues('a');
    await stores.issues.create(project, { key: 'b', title: 'B', parent: 'a' }, by);
    await stores.issues.create(project, { key: 'c', title: 'C', parent: 'b' }, by);
    await expect(stores.issues.update(project, 'a', { parent: 'c' }, by)).rejects.toMatchObject({
      errors: [{ path: 'parent', message: expect.stringContaining('a -> c -> b -> a') }],
    });
    expect((await stores.issues.get(project, 'a')).parent).toBeNull();
  });

  it('updates only the fields of the patch, bumping the issue and project revisions', async () => {
    const before = await stores.issues.create(
      project,
      { key: 'a', title: 'A', labels: ['x'], estimateDays: 3 },
      by,
    );
    const projectBefore = await stores.projects.get(project);
    const after = await stores.issues.update(project, 'a', { status: 'in_progress', labels: ['y', 'z'] }, by);
    expect(after).toMatchObject({ title: 'A', estimateDays: 3, status: 'in_progress', labels: ['y', 'z'] });
    expect(after.revision).toBe(before.revision + 1);
    expect((await stores.projects.get(project)).revision).toBe(projectBefore.revision + 1);
    expect(await stores.issues.get(project, 'a')).toEqual(after);
    const [event] = (await stores.audit.list(project, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'issue.update',
      target: 'a',
      before: { status: 'open', labels: ['x'] },
      after: { status: 'in_progress', labels: ['y', 'z'] },
    });
  });

  it('clears nullable fields when the patch says null', async () => {
    await stores.issues.create(project, { key: 'a', title: 'A', estimateDays: 3, url: 'https://x.test' }, by);
    const after = await stores.issues.update(project, 'a', { estimateDays: null, url: null }, by);
    expect(after).toMatchObject({ estimateDays: null, url: null });
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const before = await stores.issues.create(project, { key: 'a', title: 'A', labels: ['x'] }, by);
    const after = await stores.issues.update(project, 'a', { title: 'A', labels: ['x'] }, by);
    expect(after.revision).toBe(before.revision);
    expect(await actions()).toEqual(['issue.create a', 'project.create']);
  });

  it('writes only when If-Match names the current revision of the issue', async () => {
    const issue = await stores.issues.create(project, { key: 'a', title: 'A' }, by);
    await expect(
      stores.issues.update(
        project,
        'a',
        { title: 'B' },
        { ...by, ifMatch: etagOf({ ...issue, revision: issue.revision + 1 }) },
      ),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      stores.issues.remove(project, 'a', {
        ...by,
        ifMatch: etagOf({ ...issue, revision: issue.revision - 1 }),
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const updated = await stores.issues.update(
      project,
      'a',
      { title: 'B' },
      { ...by, ifMatch: etagOf(issue) },
    );
    expect(updated.title).toBe('B');
    await stores.issues.remove(project, 'a', { ...by, ifMatch: etagOf(updated) });
    await expect(stores.issues.get(project, 'a')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('never gives a re-created issue a revision its deleted namesake had', async () => {
    const first = await stores.issues.create(project, { key: 'a', title: 'A' }, by);
    await stores.issues.remove(project, 'a', by);
    const second = await stores.issues.create(project, { key: 'a', title: 'A' }, by);
    expect(second.revision).toBeGreaterThan(first.revision);
  });

  it("deleting an issue removes its edges and clears its children's parent, auditing each", async () => {
    await givenIssues('a', 'b', 'c');
    await stores.issues.create(project, { key: 'child', title: 'C', parent: 'b' }, by);
    await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, by);
    await stores.dependencies.add(project, { issue: 'b', blockedBy: 'c' }, by);
    const revisions = Object.fromEntries(
      (await stores.issues.listAll(project)).map((i) => [i.key, i.revision]),
    );
    await stores.issues.remove(project, 'b', by);
    const left = await stores.issues.listAll(project);
    expect(left.map((i) => [i.key, i.parent, i.blockedBy, i.blocks])).toEqual([
      ['a', null, [], []],
      ['c', null, [], []],
      ['child', null, [], []],
    ]);
    for (const issue of left) expect(issue.revision).toBe(revisions[issue.key]! + 1);
    expect(await stores.dependencies.list(project)).toEqual([]);
    expect((await actions()).slice(0, 4)).toEqual([
      'issue.delete b',
      'issue.update child',
      'dependency.remove a<-b',
      'dependency.remove b<-c',
    ]);
  });

  it('shows blockedBy and blocks on both ends of an edge', async () => {
    await givenIssues('a', 'b', 'c');
    await stores.dependencies.add(project, { issue: 'a', blockedBy: 'b' }, by);
    await stores.dependencies.add(project, { issue: 'a', blockedBy: 'c' }, by);
    await stores.dependencies.add(project, { issue: 'b', blockedBy: 'c' }, by);
    const byKey = new Map((await stores.issues.listAll(project)).map((i) => [i.key, i]));
    expect(byKey.get('a')).toMatchObject({ blockedBy: ['b', 'c'], blocks: [] });
    expect(byKey.get('b')).toMatchObject({ blockedBy: ['c'], blocks: ['a'] });
    expect(byKey.get('c')).toMatchObject({ blockedBy: [], blocks: ['a', 'b'] });
    // A page shows the edges to issues outside the page too.
    const page = await stores.issues.list(project, {}, { limit: 1, cursor: undefined });
    expect(page.items[0]).toMatchObject({ key: 'a', blockedBy: ['b', 'c'] });
  });

  describe('list', () => {
    beforeEach(async () => {
      await stores.issues.create(project, { key: 'e1', title: 'epic', labels: ['freelist'] }, by);
      await stores.issues.create(
        project,
        { key: 'i1', title: 'x', parent: 'e1', labels: ['freelist', 'runtime'] },
        by,
      );
      await stores.issues.create(project, { key: 'i2', title: 'x', parent: 'e1', status: 'done' }, by);
      await stores.issues.create(
        project,
        { key: 'i3', title: 'x', status: 'in_progress', labels: ['free'] },
        by,
      );
      await stores.issues.create(
        project,
        { key: 'i4', title: 'x', status: 'wont_do', labels: ['runtime'] },
        by,
      );
    });

    const keys = (issues: Issue[]) => issues.map((i) => i.key);

    it('lists every issue in key order without a filter', async () => {
      expect(keys((await stores.issues.list(project, {}, { limit: 50 })).items)).toEqual([
        'e1',
        'i1',
        'i2',
        'i3',
        'i4',
      ]);
    });

    it('filters by any of several statuses', async () => {
      const page = await stores.issues.list(project, { status: ['done', 'wont_do'] }, { limit: 50 });
      expect(keys(page.items)).toEqual(['i2', 'i4']);
    });

    it('filters by an exact label', async () => {
      expect(keys((await stores.issues.list(project, { label: 'freelist' }, { limit: 50 })).items)).toEqual([
        'e1',
        'i1',
      ]);
      expect(keys((await stores.issues.list(project, { label: 'free' }, { limit: 50 })).items)).toEqual([
        'i3',
      ]);
    });

    it('filters by parent key, or by no parent', async () => {
      expect(keys((await stores.issues.list(project, { parent: 'e1' }, { limit: 50 })).items)).toEqual([
        'i1',
        'i2',
      ]);
      expect(keys((await stores.issues.list(project, { parent: null }, { limit: 50 })).items)).toEqual([
        'e1',
        'i3',
        'i4',
      ]);
    });

    it('combines filters', async () => {
      const page = await stores.issues.list(project, { label: 'runtime', status: ['open'] }, { limit: 50 });
      expect(keys(page.items)).toEqual(['i1']);
    });

    it('pages with an opaque cursor until nextCursor is null', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await stores.issues.list(project, {}, { limit: 2, cursor });
        seen.push(...keys(page.items));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(['e1', 'i1', 'i2', 'i3', 'i4']);
      expect(pages).toBe(3);
    });

    it('answers an empty page for a known project that has no match', async () => {
      expect(await stores.issues.list(project, { label: 'nothing' }, { limit: 50 })).toEqual({
        items: [],
        nextCursor: null,
      });
    });
  });
});
