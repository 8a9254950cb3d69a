import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { NewValidationRun, Stores } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

const by = { actor: 'test' };

function newRun(fingerprint: string, revision = 1): NewValidationRun {
  return {
    projectRevision: revision,
    fingerprint,
    durationMs: 12.5,
    requestedBy: null,
    issues: [
      {
        key: 'a',
        status: 'done',
        verdict: 'verified',
        checks: ['gc'],
        violations: [],
        regression: false,
        fixedBy: [],
      },
      {
        key: 'b',
        status: 'open',
        verdict: 'untested',
        checks: [],
        violations: [],
        regression: false,
        fixedBy: [],
      },
    ],
    missingDependencies: [],
    regressions: [],
    goal: { holds: true, violations: [], openIssuesThatFix: [], holdsWhenAllDone: true },
    components: [],
  };
}

describe('validation store', () => {
  let temp: TempDatabase;
  let stores: Stores;

  beforeEach(async () => {
    temp = await createTempDatabase();
    stores = temp.db.stores;
    await stores.projects.create({ slug: 'p', name: 'P' }, by);
    await stores.projects.create({ slug: 'q', name: 'Q' }, by);
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('stores a run and reads it back with its id and creation time', async () => {
    const run = await stores.validations.create('p', newRun('f1'));
    expect(run).toMatchObject({ ...newRun('f1'), id: expect.stringMatching(/^\d+$/) });
    expect(Date.parse(run.createdAt)).not.toBeNaN();
    expect(await stores.validations.get('p', run.id)).toEqual(run);
  });

  it('finds the newest run with a fingerprint, in its own project only', async () => {
    await stores.validations.create('p', newRun('f1', 1));
    const newer = await stores.validations.create('p', newRun('f1', 2));
    expect((await stores.validations.findByFingerprint('p', 'f1'))!.id).toBe(newer.id);
    expect(await stores.validations.findByFingerprint('q', 'f1')).toBeNull();
    expect(await stores.validations.findByFingerprint('p', 'other')).toBeNull();
    expect((await stores.validations.latest('p'))!.id).toBe(newer.id);
    expect(await stores.validations.latest('q')).toBeNull();
  });

  it('lists summaries newest first, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await stores.validations.create('p', newRun(`f${i}`))).id);
    const first = await stores.validations.list('p', { limit: 2 });
    expect(first.items.map((s) => s.id)).toEqual([ids[4], ids[3]]);
    expect(first.items[0]).toMatchObject({
      fingerprint: 'f4',
      verdicts: { verified: 1, failing: 0, untested: 1 },
      missingDependencies: 0,
      regressions: 0,
      goalHolds: true,
    });
    const second = await stores.validations.list('p', { limit: 2, cursor: first.nextCursor! });
    const third = await stores.validations.list('p', { limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((s) => s.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it('answers 404 for an unknown project, an unknown run, a run of another project and a malformed id', async () => {
    const run = await stores.validations.create('p', newRun('f1'));
    await expect(stores.validations.get('nope', run.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.validations.get('q', run.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.validations.get('p', '999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.validations.get('p', 'x1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.validations.create('nope', newRun('f'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes a project with its runs and check runs', async () => {
    const run = await stores.validations.create('p', newRun('f1'));
    await stores.ciCheckRuns.create('p', { sha: 'abc1234', done: ['a'], conclusion: 'success', result: {} });
    await stores.projects.remove('p', by);
    await stores.projects.create({ slug: 'p', name: 'P again' }, by);
    await expect(stores.validations.get('p', run.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await stores.ciCheckRuns.latestForSha('p', 'abc1234')).toBeNull();
  });
});
