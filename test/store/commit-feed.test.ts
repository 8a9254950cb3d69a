import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyCycleError } from '../../src/domain/errors.js';
import type { ProjectCommit } from '../../src/store/commit-feed.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
/** The fields a write announces of an issue, those the forecast reads included. */
const none = { estimateLowDays: null, estimateHighDays: null, assignee: null, priority: null };
const by = { actor: 'alice' };

beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(async () => temp.cleanup());

describe('the commit feed', () => {
  it("announces each committed write with the project's new revision and what it did to the plan input", async () => {
    const { stores } = temp.db;
    await stores.projects.create({ slug: 'p', name: 'P' }, by);
    const commits: ProjectCommit[] = [];
    const stop = stores.commits.subscribe((commit) => commits.push(commit));
    await stores.issues.create('p', { key: 'a', title: 'A', estimateDays: 2 }, by);
    await stores.issues.create('p', { key: 'b', title: 'B', parent: 'a' }, by);
    await stores.dependencies.add('p', { issue: 'b', blockedBy: 'a' }, by);
    await stores.issues.update('p', 'b', { title: 'Bee' }, by);
    await stores.projects.update('p', { defaultEstimateDays: 3 }, by);
    await stores.issues.remove('p', 'a', by);
    await stores.documents.import('p', await stores.documents.export('p'), by);
    await stores.projects.remove('p', by);
    stop();

    expect(commits.map((c) => c.revision).slice(0, -1)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(commits.map((c) => c.changes)).toEqual([
      [{ kind: 'issue', issue: { key: 'a', status: 'open', estimateDays: 2, ...none, parent: null } }],
      [{ kind: 'issue', issue: { key: 'b', status: 'open', estimateDays: null, ...none, parent: 'a' } }],
      [{ kind: 'edge-added', edge: { issue: 'b', blockedBy: 'a' } }],
      [{ kind: 'issue', issue: { key: 'b', status: 'open', estimateDays: null, ...none, parent: 'a' } }],
      [{ kind: 'default-estimate', estimateDays: 3 }],
      [
        { kind: 'edge-removed', edge: { issue: 'b', blockedBy: 'a' } },
        { kind: 'issue', issue: { key: 'b', status: 'open', estimateDays: null, ...none, parent: null } },
        { kind: 'issue-removed', key: 'a' },
      ],
      null,
      null,
    ]);
    expect(commits.every((c) => c.project === 'p')).toBe(true);
  });

  it('announces nothing for a refused write or one that changes nothing', async () => {
    const { stores } = temp.db;
    await stores.projects.create({ slug: 'q', name: 'Q' }, by);
    await stores.issues.create('q', { key: 'a', title: 'A' }, by);
    await stores.issues.create('q', { key: 'b', title: 'B' }, by);
    await stores.dependencies.add('q', { issue: 'b', blockedBy: 'a' }, by);
    const commits: ProjectCommit[] = [];
    const stop = stores.commits.subscribe((commit) => commits.push(commit));
    await expect(stores.dependencies.add('q', { issue: 'a', blockedBy: 'b' }, by)).rejects.toBeInstanceOf(
      DependencyCycleError,
    );
    await stores.issues.update('q', 'a', { title: 'A' }, by);
    await stores.dependencies.add('q', { issue: 'b', blockedBy: 'a' }, by);
    stop();
    expect(commits).toEqual([]);
  });
});
