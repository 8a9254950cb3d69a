import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

const by = { actor: 'test' };

describe('CI check run store', () => {
  let temp: TempDatabase;
  let stores: Stores;

  beforeEach(async () => {
    temp = await createTempDatabase();
    stores = temp.db.stores;
    await stores.projects.create({ slug: 'p', name: 'P' }, by);
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('stores check runs and answers the newest of a sha', async () => {
    const result = { conclusion: 'failure', output: { title: 't' } };
    const first = await stores.ciCheckRuns.create('p', {
      sha: 'abc1234',
      done: ['a', 'b'],
      conclusion: 'success',
      result: {},
    });
    const second = await stores.ciCheckRuns.create('p', {
      sha: 'abc1234',
      done: ['a'],
      conclusion: 'failure',
      result,
    });
    expect(second).toMatchObject({ sha: 'abc1234', done: ['a'], conclusion: 'failure', result });
    expect(await stores.ciCheckRuns.get('p', first.id)).toEqual(first);
    expect((await stores.ciCheckRuns.latestForSha('p', 'abc1234'))!.id).toBe(second.id);
    expect(await stores.ciCheckRuns.latestForSha('p', 'def5678')).toBeNull();
    await expect(stores.ciCheckRuns.get('p', '12345')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds the runs of a commit by an abbreviation of its sha, and by the full sha a run was posted short', async () => {
    const full = 'abc1234def567890abc1234def567890abc12345';
    const posted = await stores.ciCheckRuns.create('p', {
      sha: full,
      done: [],
      conclusion: 'success',
      result: {},
    });
    expect((await stores.ciCheckRuns.latestForSha('p', 'abc1234d'))!.id).toBe(posted.id);
    expect(await stores.ciCheckRuns.latestForSha('p', 'abc1234e')).toBeNull();
    const short = await stores.ciCheckRuns.create('p', {
      sha: 'abc1234',
      done: [],
      conclusion: 'failure',
      result: {},
    });
    expect((await stores.ciCheckRuns.latestForSha('p', full))!.id).toBe(short.id);
  });

  it('lists the distinct shas an abbreviation names, to tell an ambiguous one', async () => {
    for (const sha of ['abc1234aaa', 'abc1234bbb', 'abc1234aaa', 'abd0000']) {
      await stores.ciCheckRuns.create('p', { sha, done: [], conclusion: 'success', result: {} });
    }
    expect(await stores.ciCheckRuns.shasNaming('p', 'abc1234')).toEqual(['abc1234aaa', 'abc1234bbb']);
    expect(await stores.ciCheckRuns.shasNaming('p', 'abc1234aaa0')).toEqual(['abc1234aaa']);
  });
});
