import { defineConfig } from 'vitest/config';

// Two halves. `sqlite`: every test, the store tests on a SQLite file. `postgresql`: only when
// TEST_DATABASE_URL names a PostgreSQL server (README, "Tests on PostgreSQL"): the tests that touch the
// store (store, services, API) again on PostgreSQL, plus the tests only PostgreSQL has (several replicas,
// the job queue). Pure tests run once.
const postgres = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];

/** Tests of SQLite itself (its pragmas, its migration runner, its write lock): not run twice. */
const SQLITE_ONLY = ['test/store/engines/sqlite.test.ts', 'test/store/migrate.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/postgresql/**'],
          env: { ISOPLAN_TEST_STORE: 'sqlite' },
        },
      },
      ...postgres.map(() => ({
        extends: true,
        test: {
          name: 'postgresql',
          include: [
            'test/store/**/*.test.ts',
            'test/services/**/*.test.ts',
            'test/api/**/*.test.ts',
            'test/postgresql/**/*.test.ts',
          ],
          exclude: SQLITE_ONLY,
          env: { ISOPLAN_TEST_STORE: 'postgresql' },
          globalSetup: ['test/postgresql/global-setup.ts'],
        },
      })),
    ],
  },
});
