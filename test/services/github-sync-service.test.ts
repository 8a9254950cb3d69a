// The GitHub sync service on a real store against the fake GitHub: what it reads of the project.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGithubSyncService, type GithubSyncService } from '../../src/services/github-sync-service.js';
import type { ProjectDocumentStore } from '../../src/store/types.js';
import { FakeGithub } from '../integrations/github/fake-github.js';
import { givenMetaIssue, HOME, META } from '../integrations/github/meta-issue.js';
import { testGithubClient } from '../integrations/github/test-client.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

let fake: FakeGithub;
let temp: TempDatabase;
let sync: GithubSyncService;
/** The project reads the sync made through the real store: whole exports, and applies (each reads it once). */
const reads = { export: 0, apply: 0 };
let counter = 0;
const LINK = { repository: HOME, issue: META, document: null };

beforeAll(async () => {
  fake = await FakeGithub.start();
  temp = await createTempDatabase();
  const store = temp.db.stores.documents;
  const documents: Pick<ProjectDocumentStore, 'apply' | 'export'> = {
    export: (project) => {
      reads.export += 1;
      return store.export(project);
    },
    apply: (...args) => {
      reads.apply += 1;
      return store.apply(...args);
    },
  };
  sync = createGithubSyncService({
    github: testGithubClient(fake),
    documents,
    links: temp.db.stores.githubLinks,
  });
});
afterAll(async () => {
  await temp.cleanup();
  await fake.close();
});
beforeEach(() => givenMetaIssue(fake));

/** A project synced once with the meta issue; the reads counted from then on. */
async function givenSyncedProject(): Promise<string> {
  const project = `synced-${++counter}`;
  await sync.sync(project, { link: LINK });
  reads.export = 0;
  reads.apply = 0;
  return project;
}

describe('GithubSyncService.sync: what it reads of the project', () => {
  it('reads the project once, in the write that applies the sync, when the tree has no issue the project lacks', async () => {
    const project = await givenSyncedProject();
    fake.issue(HOME, 3, { title: 'Edited on GitHub' });
    fake.deleteIssue(HOME, 6);
    const summary = await sync.sync(project);
    expect(summary).toMatchObject({ changed: ['gh-3'], removed: ['gh-6'], added: [] });
    expect(reads).toEqual({ export: 0, apply: 1 });
  });

  it('reads it once too when the tree has a newcomer but the project lacks none of its GitHub issues', async () => {
    const project = await givenSyncedProject();
    fake.issue(HOME, 7, { title: 'New on GitHub' });
    fake.setParent([HOME, 7], [HOME, META]);
    expect((await sync.sync(project)).added).toEqual(['gh-7']);
    expect(reads).toEqual({ export: 0, apply: 1 });
  });

  it('reads it again, after the old addresses, only when a newcomer may be an issue it holds, transferred', async () => {
    const project = await givenSyncedProject();
    fake.transferIssue([HOME, 5], ['python/arenas', 1]);
    const summary = await sync.sync(project);
    expect(summary).toMatchObject({ renamed: [{ from: 'gh-5', to: 'python:arenas:gh-1' }], added: [] });
    expect(reads).toEqual({ export: 0, apply: 2 });
  });
});
