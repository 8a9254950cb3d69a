import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.js';
import { projectStatesAt } from '../../src/domain/forecast/project-at.js';
import type { FullProjectDocument, ProjectDocument } from '../../src/domain/model.js';
import type { Stores } from '../../src/store/types.js';
import { documentIssue, projectDocument } from '../domain/project-document-builders.js';
import { createTempDatabase, refuseIssueKey, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
let stores: Stores;
const by = { actor: 'alice' };
let counter = 0;
const freshSlug = () => `doc-${++counter}`;

beforeAll(async () => {
  temp = await createTempDatabase();
  stores = temp.db.stores;
});
afterAll(async () => temp.cleanup());

const document = (
  slug: string,
  issues: FullProjectDocument['issues'],
  dependencies: ProjectDocument['dependencies'],
) =>
  projectDocument(slug, issues, dependencies, {
    description: 'd',
    goal: [{ name: 'goal', workload: 'tuple-churn' }],
    defaultEstimateDays: 2,
  });

describe('ProjectDocumentStore', () => {
  it('creates the project on import and exports the same document back', async () => {
    const slug = freshSlug();
    const doc = document(
      slug,
      [
        documentIssue('a', {
          labels: ['x', 'y'],
          estimateDays: 2,
          claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }],
        }),
        documentIssue('b', { parent: 'c', status: 'done', url: 'https://bugs.python.org/issue1' }),
        documentIssue('c', { checks: [{ name: 'p', program: [{ op: 'alloc', type: 'tuple', as: 't' }] }] }),
      ],
      [
        { issue: 'a', blockedBy: 'b' },
        { issue: 'a', blockedBy: 'c' },
        { issue: 'b', blockedBy: 'c' },
      ],
    );
    expect(await stores.documents.import(slug, doc, by)).toEqual({ issues: 3, dependencies: 3 });
    expect(await stores.documents.export(slug)).toEqual(doc);
    expect((await stores.issues.get(slug, 'c')).blocks).toEqual(['a', 'b']);
  });

  it('exports in a stable order whatever the order of the imported document', async () => {
    const slug = freshSlug();
    await stores.documents.import(
      slug,
      document(
        slug,
        [documentIssue('c'), documentIssue('a', { labels: ['z', 'b'] }), documentIssue('b')],
        [
          { issue: 'c', blockedBy: 'b' },
          { issue: 'a', blockedBy: 'c' },
          { issue: 'a', blockedBy: 'b' },
        ],
      ),
      by,
    );
    const exported = await stores.documents.export(slug);
    expect(exported.issues.map((i) => i.key)).toEqual(['a', 'b', 'c']);
    expect(exported.issues[0]!.labels).toEqual(['b', 'z']);
    expect(exported.dependencies).toEqual([
      { issue: 'a', blockedBy: 'b' },
      { issue: 'a', blockedBy: 'c' },
      { issue: 'c', blockedBy: 'b' },
    ]);
  });

  it("replaces an existing project's issues and edges, keeping the creation time of issues that stay", async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'Old' }, by);
    const kept = await stores.issues.create(slug, { key: 'keep', title: 'K' }, by);
    await stores.issues.create(slug, { key: 'gone', title: 'G' }, by);
    await stores.dependencies.add(slug, { issue: 'keep', blockedBy: 'gone' }, by);
    const oldRevision = (await stores.projects.get(slug)).revision;

    await stores.documents.import(
      slug,
      document(slug, [documentIssue('keep'), documentIssue('new')], [{ issue: 'new', blockedBy: 'keep' }]),
      by,
    );

    const issues = await stores.issues.listAll(slug);
    expect(issues.map((i) => [i.key, i.blockedBy, i.blocks])).toEqual([
      ['keep', [], ['new']],
      ['new', ['keep'], []],
    ]);
    const project = await stores.projects.get(slug);
    expect(project).toMatchObject({ name: 'Imported', revision: oldRevision + 1 });
    expect(issues[0]!.createdAt).toEqual(kept.createdAt);
    // No ETag of the replaced issues can match the new ones.
    for (const i of issues) expect(i.revision).toBe(project.revision);
  });

  it('records one project.import event with counts, not the document', async () => {
    const slug = freshSlug();
    await stores.documents.import(
      slug,
      document(slug, [documentIssue('a'), documentIssue('b')], [{ issue: 'a', blockedBy: 'b' }]),
      by,
    );
    await stores.documents.import(slug, document(slug, [documentIssue('a')], []), { actor: 'bob' });
    const { items } = await stores.audit.list(slug, { limit: 10 });
    expect(items.map((e) => [e.action, e.actor, e.before, e.after])).toEqual([
      ['project.import', 'bob', { issues: 2, dependencies: 1 }, { issues: 1, dependencies: 0 }],
      ['project.import', 'alice', null, { issues: 2, dependencies: 1 }],
    ]);
  });

  it('changes nothing and lists every problem when the document is wrong', async () => {
    const slug = freshSlug();
    const good = document(slug, [documentIssue('a'), documentIssue('b')], [{ issue: 'a', blockedBy: 'b' }]);
    await stores.documents.import(slug, good, by);
    const bad = document(
      slug,
      [
        documentIssue('a', { parent: 'b' }),
        documentIssue('b', { parent: 'a' }),
        documentIssue('a'),
        documentIssue('c', { parent: 'nope' }),
        documentIssue('d'),
      ],
      [
        { issue: 'a', blockedBy: 'b' },
        { issue: 'b', blockedBy: 'a' },
        { issue: 'a', blockedBy: 'b' },
        { issue: 'x', blockedBy: 'c' },
        { issue: 'd', blockedBy: 'd' },
        { issue: 'c', blockedBy: 'd' },
        { issue: 'd', blockedBy: 'c' },
      ],
    );
    const error = await stores.documents.import(slug, bad, by).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors).toEqual([
      { path: 'issues[2].key', message: "duplicate key 'a' (first at issues[0])" },
      { path: 'issues[3].parent', message: "parent 'nope' is not an issue of this document" },
      { path: 'issues[0].parent', message: 'parent cycle a -> b -> a' },
      { path: 'dependencies[2]', message: 'duplicate dependency a <- b (first at dependencies[0])' },
      { path: 'dependencies[3].issue', message: "'x' is not an issue of this document" },
      { path: 'dependencies[4]', message: "issue 'd' cannot be blocked by itself" },
      { path: 'dependencies', message: 'dependency cycle a -> b -> a' },
      { path: 'dependencies', message: 'dependency cycle c -> d -> c' },
    ]);
    expect((error as InvalidInputError).extensions.cycles).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'c'],
    ]);
    expect(await stores.documents.export(slug)).toEqual(good);
    expect((await stores.audit.list(slug, { limit: 10 })).items).toHaveLength(1);
  });

  it('reports malformed documents field by field', async () => {
    const slug = freshSlug();
    const malformed = {
      version: 2,
      project: { slug },
      issues: [{ key: 'bad key!', title: '' }],
    } as unknown as ProjectDocument;
    const error = await stores.documents.import(slug, malformed, by).catch((e: unknown) => e);
    expect((error as InvalidInputError).errors.map((e) => e.path)).toEqual([
      'version',
      'project.name',
      'issues[0].key',
      'issues[0].title',
    ]);
    await expect(stores.projects.get(slug)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rolls the whole import back when the database refuses a row', async () => {
    const slug = freshSlug();
    const good = document(slug, [documentIssue('a'), documentIssue('b')], [{ issue: 'a', blockedBy: 'b' }]);
    await stores.documents.import(slug, good, by);
    // A fault the validation cannot see: the database refuses one row in the middle of the inserts.
    const removeFault = await refuseIssueKey(temp.db, 'boom');
    try {
      const failing = document(
        slug,
        [documentIssue('a'), documentIssue('boom'), documentIssue('c')],
        [{ issue: 'c', blockedBy: 'a' }],
      );
      await expect(stores.documents.import(slug, failing, by)).rejects.toThrow(/boom refused/);
    } finally {
      await removeFault();
    }
    expect(await stores.documents.export(slug)).toEqual(good);
    expect((await stores.audit.list(slug, { limit: 10 })).items).toHaveLength(1);
  });

  it('keeps repeated labels of an issue once', async () => {
    const slug = freshSlug();
    await stores.documents.import(slug, document(slug, [documentIssue('a', { labels: ['x', 'x'] })], []), by);
    expect((await stores.issues.get(slug, 'a')).labels).toEqual(['x']);
  });

  it('refuses to create a project under a slug the API could not address, storing nothing', async () => {
    const slug = freshSlug();
    await expect(
      stores.documents.import('Bad Slug!', document(slug, [documentIssue('a')], []), by),
    ).rejects.toMatchObject({
      errors: [{ path: 'project', message: expect.stringContaining('lower-case') }],
    });
    await expect(stores.projects.get('Bad Slug!')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('starts a project it re-creates above every revision its deleted namesake reached', async () => {
    const slug = freshSlug();
    await stores.documents.import(slug, document(slug, [documentIssue('a')], []), by);
    await stores.issues.update(slug, 'a', { title: 'Changed' }, by);
    const old = await stores.projects.get(slug);
    await stores.projects.remove(slug, by);
    await stores.documents.import(slug, document(slug, [documentIssue('a')], []), by);
    expect((await stores.projects.get(slug)).revision).toBeGreaterThan(old.revision);
    expect((await stores.issues.get(slug, 'a')).revision).toBeGreaterThan(old.revision);
  });

  it('answers NotFoundError when exporting an unknown project', async () => {
    await expect(stores.documents.export('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('imports a project of a few thousand issues and edges in one go', async () => {
    const slug = freshSlug();
    const n = 3000;
    const issues = Array.from({ length: n }, (_, i) =>
      documentIssue(`k${i}`, { labels: [`l${i % 7}`], parent: i > 0 ? 'k0' : null }),
    );
    // Every edge points to a lower index: acyclic by construction.
    const dependencies = Array.from({ length: n - 1 }, (_, j) => j + 1).flatMap((i) => [
      { issue: `k${i}`, blockedBy: `k${i - 1}` },
      ...(i >= 3 ? [{ issue: `k${i}`, blockedBy: `k${Math.floor(i / 3)}` }] : []),
    ]);
    const result = await stores.documents.import(slug, document(slug, issues, dependencies), by);
    expect(result).toEqual({ issues: n, dependencies: dependencies.length });
    expect((await stores.issues.list(slug, { label: 'l3' }, { limit: 500 })).items).toHaveLength(
      issues.filter((i) => i.labels[0] === 'l3').length,
    );
  });
});

describe('ProjectDocumentStore: GitHub ids and the link', () => {
  it('exports back the GitHub ids and the link an import carried', async () => {
    const slug = freshSlug();
    const link = { repository: 'python/cpython', issue: 84692, document: 'project.json' };
    const doc = projectDocument(
      slug,
      [documentIssue('gh-1', { githubId: 3_000_000_001 }), documentIssue('local')],
      [],
      {
        github: link,
      },
    );
    await stores.documents.import(slug, doc, by);
    const out = await stores.documents.export(slug);
    expect(out.project.github).toEqual(link);
    expect(out.issues.map((i) => i.githubId)).toEqual([3_000_000_001, undefined]);
    expect(await stores.githubLinks.get(slug)).toEqual(link);
  });

  it('keeps the link on an import without `github` and removes it with `github: null`', async () => {
    const slug = freshSlug();
    const link = { repository: 'python/cpython', issue: 1, document: null };
    await stores.documents.import(slug, projectDocument(slug, [], [], { github: link }), by);
    await stores.documents.import(slug, projectDocument(slug, [documentIssue('a')], []), by);
    expect(await stores.githubLinks.get(slug)).toEqual(link);
    await stores.documents.import(slug, projectDocument(slug, [], [], { github: null }), by);
    expect(await stores.githubLinks.get(slug)).toBeNull();
  });

  it('refuses two issues with the same GitHub id, naming the second', async () => {
    const slug = freshSlug();
    const doc = projectDocument(
      slug,
      [documentIssue('a', { githubId: 5 }), documentIssue('b', { githubId: 5 })],
      [],
    );
    await expect(stores.documents.import(slug, doc, by)).rejects.toMatchObject({
      errors: [{ path: 'issues[1].githubId', message: 'duplicate githubId 5 (first at issues[0])' }],
    });
  });
});

describe('ProjectDocumentStore.apply', () => {
  const base = (slug: string) =>
    projectDocument(
      slug,
      [
        documentIssue('a', { githubId: 1 }),
        documentIssue('b', { labels: ['x'] }),
        documentIssue('c', { parent: 'b' }),
      ],
      [{ issue: 'b', blockedBy: 'a' }],
    );

  it('creates a missing project, one audit event per issue and edge', async () => {
    const slug = freshSlug();
    const changes = await stores.documents.apply(
      slug,
      (current) => {
        expect(current).toBeNull();
        return base(slug);
      },
      by,
    );
    expect(changes).toMatchObject({
      created: true,
      added: ['a', 'b', 'c'],
      dependencies: { added: [{ issue: 'b', blockedBy: 'a' }] },
    });
    const history = await stores.audit.list(slug, { limit: 50 });
    expect(history.items.map((e) => e.action).sort()).toEqual([
      'dependency.add',
      'issue.create',
      'issue.create',
      'issue.create',
      'project.create',
    ]);
  });

  it('writes nothing, not even a revision, when the document is what the project holds', async () => {
    const slug = freshSlug();
    await stores.documents.apply(slug, () => base(slug), by);
    const before = await stores.projects.get(slug);
    const changes = await stores.documents.apply(slug, (current) => current, by);
    expect(changes).toMatchObject({ created: false, added: [], changed: [], removed: [], renamed: [] });
    expect((await stores.projects.get(slug)).revision).toBe(before.revision);
  });

  it('changes only what differs: unchanged issues keep their revision, each change is audited by the actor', async () => {
    const slug = freshSlug();
    await stores.documents.apply(slug, () => base(slug), by);
    const untouched = await stores.issues.get(slug, 'c');
    const changes = await stores.documents.apply(
      slug,
      (current) => ({
        ...current!,
        issues: [
          ...current!.issues
            .filter((i) => i.key !== 'b')
            .map((i) => (i.key === 'c' ? { ...i, parent: null } : i)),
          documentIssue('d'),
        ],
        dependencies: [{ issue: 'd', blockedBy: 'a' }],
      }),
      { actor: 'github' },
    );
    expect(changes).toMatchObject({ added: ['d'], changed: ['c'], removed: ['b'] });
    expect(changes.dependencies).toEqual({
      added: [{ issue: 'd', blockedBy: 'a' }],
      removed: [{ issue: 'b', blockedBy: 'a' }],
    });
    expect((await stores.issues.get(slug, 'c')).revision).toBeGreaterThan(untouched.revision);
    const a = await stores.issues.get(slug, 'a');
    expect(a.blocks).toEqual(['d']);
    const latest = await stores.audit.list(slug, { limit: 4 });
    expect(latest.items.every((e) => e.actor === 'github')).toBe(true);
  });

  it("records the project's fields before a change as well as after, so that the trail can undo it", async () => {
    const slug = freshSlug();
    await stores.documents.apply(
      slug,
      () => ({ ...base(slug), project: { ...base(slug).project, team: 2 } }),
      by,
    );
    await stores.documents.apply(
      slug,
      (current) => ({ ...current!, project: { ...current!.project, team: 3 } }),
      by,
    );
    const [event] = (await stores.audit.list(slug, { limit: 1 })).items;
    expect(event).toMatchObject({
      action: 'project.update',
      before: { slug, team: 2, workdays: [1, 2, 3, 4, 5], holidays: [], start: null },
      after: { slug, team: 3 },
    });
  });

  it('renames an issue whose GitHub id moved to a new key, keeping its claims and creation time', async () => {
    const slug = freshSlug();
    await stores.documents.apply(slug, () => base(slug), by);
    const old = await stores.issues.get(slug, 'a');
    const changes = await stores.documents.apply(
      slug,
      (current) => ({
        ...current!,
        issues: current!.issues.map((i) => (i.key === 'a' ? { ...i, key: 'octo:x:gh-1' } : i)),
        dependencies: [{ issue: 'b', blockedBy: 'octo:x:gh-1' }],
      }),
      by,
    );
    expect(changes.renamed).toEqual([{ from: 'a', to: 'octo:x:gh-1' }]);
    const moved = await stores.issues.get(slug, 'octo:x:gh-1');
    expect(moved.createdAt).toEqual(old.createdAt);
    expect(moved.blocks).toEqual(['b']);
  });

  it('stores a key another GitHub issue took as that issue, with the edges and children that name it now', async () => {
    const slug = freshSlug();
    await stores.documents.apply(
      slug,
      () => ({ ...base(slug), issues: [...base(slug).issues, documentIssue('d', { parent: 'a' })] }),
      by,
    );
    // GitHub issue 1 left `a` for `octo:x:a`; GitHub issue 2 took `a`, still blocking `b`, still over `d`.
    const changes = await stores.documents.apply(
      slug,
      (current) => ({
        ...current!,
        issues: [
          ...current!.issues.map((i) => (i.key === 'a' ? { ...i, githubId: 2, title: 'Another' } : i)),
          documentIssue('octo:x:a', { githubId: 1 }),
        ],
      }),
      by,
    );
    expect(changes).toMatchObject({ added: ['a'], renamed: [{ from: 'a', to: 'octo:x:a' }], removed: [] });
    const a = await stores.issues.get(slug, 'a');
    expect(a).toMatchObject({ title: 'Another', blocks: ['b'] });
    expect((await stores.issues.get(slug, 'd')).parent).toBe('a');
  });

  it('records a key passed from one GitHub issue to another so that its trail replays: the project before is rebuilt', async () => {
    const slug = freshSlug();
    const issues = (...list: FullProjectDocument['issues']) => ({
      ...base(slug),
      issues: list,
      dependencies: [],
    });
    await stores.documents.apply(
      slug,
      () =>
        issues(
          documentIssue('a', { githubId: 1, status: 'done' }),
          documentIssue('o:y:a', { githubId: 2 }),
          documentIssue('b', { githubId: 3, status: 'done' }),
          documentIssue('o:y:b', { githubId: 4 }),
        ),
      by,
    );
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The home moved to o/y: GitHub issue 2 takes `a` from issue 1 (now `o:x:a`); issue 3 is deleted and
    // issue 4 takes its key `b`.
    const changes = await stores.documents.apply(
      slug,
      () =>
        issues(
          documentIssue('a', { githubId: 2 }),
          documentIssue('o:x:a', { githubId: 1, status: 'done' }),
          documentIssue('b', { githubId: 4 }),
        ),
      by,
    );
    expect(changes).toMatchObject({ removed: ['b'], added: [] });
    const rows = await stores.issues.listPlanRows(slug);
    const current = {
      issues: rows.issues,
      edges: rows.edges,
      settings: { defaultEstimateDays: 1, team: null, start: null, workdays: [1, 2, 3, 4, 5], holidays: [] },
    };
    const [then] = projectStatesAt(current, await stores.audit.listAll(slug), [before]).states;
    expect(then?.issues.map((i) => [i.key, i.status])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      ['o:y:a', 'open'],
      ['o:y:b', 'open'],
    ]);
  });

  it('changes nothing when the document is refused, and lists every problem', async () => {
    const slug = freshSlug();
    await stores.documents.apply(slug, () => base(slug), by);
    const before = await stores.documents.export(slug);
    await expect(
      stores.documents.apply(
        slug,
        (current) => ({
          ...current!,
          dependencies: [
            { issue: 'a', blockedBy: 'b' },
            { issue: 'b', blockedBy: 'a' },
          ],
        }),
        by,
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await stores.documents.export(slug)).toEqual(before);
  });
});
