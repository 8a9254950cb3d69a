// An empty database for a test file on the PostgreSQL server of the suite, and a client of the test's own
// to look into it (the queue's tables, the stored runs): made before the file's tests, dropped after them.
// Hooks run as a stack: what a file registers after calling this (closing its queues, its processes)
// runs before the database is dropped.
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createEmptyDatabase } from '../store/temp-database.js';

export interface EmptyDatabase {
  readonly url: string;
  readonly sql: pg.Client;
}

export function useEmptyDatabase(): EmptyDatabase {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
  let sql: pg.Client | undefined;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    sql = new pg.Client(database.url);
    await sql.connect();
  }, 60_000);
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  }, 60_000);
  return {
    get url() {
      return database!.url;
    },
    get sql() {
      return sql!;
    },
  };
}
