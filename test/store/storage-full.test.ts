// The disk fills during a write (test/store/temp-database.ts's fillDisk: SQLite's size limit, or
// PostgreSQL's own disk_full error): the write fails whole, and the store keeps serving.
import { afterEach, describe, expect, it } from 'vitest';
import { generateDocument } from '../../bench/import.js';
import { StorageFullError } from '../../src/store/storage-full.js';
import { createTempDatabase, fillDisk, type TempDatabase } from './temp-database.js';

let temp: TempDatabase | undefined;
let makeRoom: (() => Promise<void>) | undefined;
afterEach(async () => {
  await makeRoom?.();
  makeRoom = undefined;
  await temp?.cleanup();
  temp = undefined;
});

describe('a write that fills the disk', () => {
  it('fails with StorageFullError, writes nothing of itself, and leaves reads and smaller writes working', async () => {
    temp = await createTempDatabase();
    const { stores } = temp.db;
    await stores.projects.create({ slug: 'p', name: 'P' }, { actor: 'test' });
    const before = await stores.documents.export('p');
    makeRoom = await fillDisk(temp.db);

    await expect(
      stores.documents.import('p', generateDocument(500, 1000), { actor: 'test' }),
    ).rejects.toBeInstanceOf(StorageFullError);

    expect(await stores.documents.export('p')).toEqual(before);
    expect((await stores.projects.update('p', { name: 'Still writable' }, { actor: 'test' })).name).toBe(
      'Still writable',
    );
  });
});
