import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PreconditionFailedError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/store/types.js';
import { documentIssue, projectDocument } from '../domain/project-document-builders.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
let stores: Stores;
const by = { actor: 'alice' };
let counter = 0;
const freshProject = async () => {
  const slug = `linked-${++counter}`;
  await stores.projects.create({ slug, name: 'P' }, by);
  return slug;
};
const LINK = { repository: 'python/cpython', issue: 84692, document: null };

beforeAll(async () => {
  temp = await createTempDatabase();
  stores = temp.db.stores;
});
afterAll(async () => temp.cleanup());

describe('GithubLinkStore', () => {
  it('links a project, bumps its revision and audits the change', async () => {
    const slug = await freshProject();
    const { revision } = await stores.projects.get(slug);
    expect(await stores.githubLinks.set(slug, LINK, by)).toEqual({ link: LINK, created: true });
    expect(await stores.githubLinks.get(slug)).toEqual(LINK);
    expect((await stores.projects.get(slug)).revision).toBe(revision + 1);
    const [event] = (await stores.audit.list(slug, { limit: 1 })).items;
    expect(event).toMatchObject({ action: 'github.link', actor: 'alice', before: null, after: LINK });
  });

  it('changes nothing when linked again to the same issue', async () => {
    const slug = await freshProject();
    await stores.githubLinks.set(slug, LINK, by);
    const { revision } = await stores.projects.get(slug);
    expect(await stores.githubLinks.set(slug, LINK, by)).toEqual({ link: LINK, created: false });
    expect((await stores.projects.get(slug)).revision).toBe(revision);
  });

  it('checks If-Match against the project and unlinks', async () => {
    const slug = await freshProject();
    await expect(stores.githubLinks.set(slug, LINK, { ...by, ifMatch: '"r999"' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await stores.githubLinks.set(slug, LINK, by);
    expect(await stores.githubLinks.remove(slug, by)).toBe(true);
    expect(await stores.githubLinks.remove(slug, by)).toBe(false);
    expect(await stores.githubLinks.get(slug)).toBeNull();
  });

  it('is a 404 for an unknown project', async () => {
    await expect(stores.githubLinks.get('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds the linked projects that hold an issue by its GitHub id', async () => {
    const slug = `linked-${++counter}`;
    await stores.documents.import(
      slug,
      projectDocument(slug, [documentIssue('gh-7', { githubId: 4_000_000_007 })], [], { github: LINK }),
      by,
    );
    expect(await stores.githubLinks.withIssues([4_000_000_007, 12])).toEqual([{ project: slug, link: LINK }]);
    expect(await stores.githubLinks.withIssues([12])).toEqual([]);
    expect((await stores.githubLinks.list()).map((l) => l.project)).toContain(slug);
  });
});
