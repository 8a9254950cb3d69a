import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '../../src/domain/errors.js';
import { openDatabase } from '../../src/store/database.js';
import { etagOf } from '../../src/store/etag.js';
import type { Stores } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
let stores: Stores;
const by = { actor: 'alice' };
let counter = 0;
const freshSlug = () => `p-${++counter}`;

beforeAll(async () => {
  temp = await createTempDatabase();
  stores = temp.db.stores;
});
afterAll(async () => temp.cleanup());

describe('ProjectStore', () => {
  it('refuses a slug that breaks the slug rule with InvalidInputError naming the slug', async () => {
    const error = await stores.projects.create({ slug: 'Has Space', name: 'x' }, by).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.errors).toEqual([{ path: 'slug', message: expect.stringContaining('lower-case') }]);
    await expect(stores.projects.get('Has Space')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates a project with defaults and reads it back by slug', async () => {
    const slug = freshSlug();
    const created = await stores.projects.create({ slug, name: 'Per-interpreter GIL' }, by);
    expect(created).toMatchObject({
      slug,
      name: 'Per-interpreter GIL',
      description: '',
      goal: [],
      defaultEstimateDays: 1,
      revision: 1,
    });
    expect(await stores.projects.get(slug)).toEqual(created);
  });

  it('refuses a second project with the same slug', async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'A' }, by);
    await expect(stores.projects.create({ slug, name: 'B' }, by)).rejects.toBeInstanceOf(ConflictError);
  });

  it('answers NotFoundError for an unknown slug', async () => {
    await expect(stores.projects.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.projects.update('nope', { name: 'x' }, by)).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.projects.remove('nope', by)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers the revision and creation time of a project as get reads them, NotFoundError for none', async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'A' }, by);
    await stores.projects.update(slug, { name: 'B' }, by);
    const { revision, createdAt } = await stores.projects.get(slug);
    expect(await stores.projects.revisionOf(slug)).toEqual({ revision, createdAt: createdAt.getTime() });
    const error = await stores.projects.revisionOf('nope').catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe((await stores.projects.get('nope').catch((e) => e)).message);
  });

  it("answers the revision another connection's write committed, at once", async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'A' }, by);
    expect((await stores.projects.revisionOf(slug)).revision).toBe(1);
    const other = await openDatabase({ url: temp.url, migrate: false });
    try {
      await other.stores.projects.update(slug, { name: 'B' }, by);
      expect((await stores.projects.revisionOf(slug)).revision).toBe(2);
      await other.stores.projects.remove(slug, by);
      await expect(stores.projects.revisionOf(slug)).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await other.close();
    }
  });

  it('updates fields, bumps the revision and keeps what the patch leaves out', async () => {
    const slug = freshSlug();
    await stores.projects.create(
      { slug, name: 'A', description: 'd', goal: [{ name: 'g', workload: 'gc' }] },
      by,
    );
    const updated = await stores.projects.update(slug, { name: 'B', defaultEstimateDays: 2 }, by);
    expect(updated).toMatchObject({
      name: 'B',
      description: 'd',
      goal: [{ name: 'g', workload: 'gc' }],
      defaultEstimateDays: 2,
      revision: 2,
    });
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const slug = freshSlug();
    const before = await stores.projects.create(
      { slug, name: 'A', goal: [{ name: 'g', workload: 'gc' }] },
      by,
    );
    const after = await stores.projects.update(
      slug,
      { name: 'A', goal: [{ name: 'g', workload: 'gc' }] },
      by,
    );
    expect(after.revision).toBe(before.revision);
    expect((await stores.projects.update(slug, {}, by)).revision).toBe(before.revision);
    const events = (await stores.audit.list(slug, { limit: 10 })).items.map((e) => e.action);
    expect(events).toEqual(['project.create']);
  });

  it('writes only when If-Match names the current revision', async () => {
    const slug = freshSlug();
    const project = await stores.projects.create({ slug, name: 'A' }, by);
    const stale = etagOf({ ...project, revision: 7 });
    await expect(
      stores.projects.update(slug, { name: 'B' }, { ...by, ifMatch: stale }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(stores.projects.remove(slug, { ...by, ifMatch: stale })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect((await stores.projects.get(slug)).name).toBe('A');
    expect(
      (await stores.projects.update(slug, { name: 'B' }, { ...by, ifMatch: etagOf(project) })).name,
    ).toBe('B');
  });

  it('deletes a project with everything in it', async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'A' }, by);
    await stores.issues.create(slug, { key: 'a', title: 'A', labels: ['x'] }, by);
    await stores.issues.create(slug, { key: 'b', title: 'B', parent: 'a' }, by);
    await stores.dependencies.add(slug, { issue: 'a', blockedBy: 'b' }, by);
    await stores.projects.remove(slug, by);
    await expect(stores.projects.get(slug)).rejects.toBeInstanceOf(NotFoundError);
    const left = await temp.db.prisma.issue.count({ where: { project: { slug } } });
    expect(left).toBe(0);
    // The slug is free again, with an empty history.
    await stores.projects.create({ slug, name: 'again' }, by);
    expect((await stores.audit.list(slug, { limit: 10 })).items.map((e) => e.action)).toEqual([
      'project.create',
    ]);
  });

  it('lists projects in slug order, a page at a time', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await stores.projects.list({ limit: 2, cursor });
      all.push(...page.items.map((p) => p.slug));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe((await stores.projects.list({ limit: 500 })).items.length);
  });

  it('records who changed what in the audit trail, newest first', async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'A' }, by);
    await stores.projects.update(slug, { name: 'B' }, { actor: 'bob' });
    const { items } = await stores.audit.list(slug, { limit: 10 });
    expect(items.map((e) => [e.action, e.actor])).toEqual([
      ['project.update', 'bob'],
      ['project.create', 'alice'],
    ]);
    expect(items[0]).toMatchObject({ target: null, before: { name: 'A' }, after: { name: 'B' } });
    expect(items[0]!.at).toBeInstanceOf(Date);
  });

  it('pages through the audit trail without gaps or repeats', async () => {
    const slug = freshSlug();
    await stores.projects.create({ slug, name: 'A' }, by);
    for (let i = 0; i < 4; i++) await stores.projects.update(slug, { name: `n${i}` }, by);
    const first = await stores.audit.list(slug, { limit: 3 });
    const second = await stores.audit.list(slug, { limit: 3, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((e) => e.id);
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('rejects a cursor it did not hand out', async () => {
    await expect(stores.projects.list({ limit: 2, cursor: 'garbage!' })).rejects.toMatchObject({
      status: 400,
    });
  });
});
