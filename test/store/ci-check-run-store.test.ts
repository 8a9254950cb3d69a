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
});
