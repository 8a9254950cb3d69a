// A read command of the CLI (`isoplan plan`, `show`, `token list`…) on a PostgreSQL database that holds no
// isoplan tables (never migrated, or not isoplan's at all): one line that says so, exit code 1, and
// nothing created in it; only the commands that start a database (serve, import…) migrate it from nothing.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabase } from '../../src/config.js';
import { runIsoplan } from '../cli/cli-harness.js';

/** Dropped after the run with the suite's other test databases (test/postgresql/global-setup.ts). */
const NAME = 'isoplan_t_never_migrated';

function databaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const tables = (url: string) =>
  onServer(url, async (client) =>
    (
      await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      )
    ).rows.map((row) => row.name),
  );

describe('a read command on a PostgreSQL database that was never migrated', () => {
  const url = databaseUrl(NAME);
  beforeAll(async () => {
    await onServer(process.env.TEST_DATABASE_URL!, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${NAME}"`);
    });
    await onServer(url, (client) => client.query('CREATE TABLE notes (text TEXT)'));
  });
  afterAll(() =>
    onServer(process.env.TEST_DATABASE_URL!, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`),
    ),
  );

  it.each([['plan'], ['token', 'list']])(
    'isoplan %s says in one line that it holds no isoplan tables, exits 1 and creates none',
    async (...args) => {
      const { code, stdout, stderr } = await runIsoplan(process.cwd(), { DATABASE_URL: url }, args);
      const where = describeDatabase({ databaseUrl: url, databasePath: null });
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `isoplan ${args.join(' ')}: the database ${where} holds no isoplan tables (it was never migrated); ` +
          "nothing was created: check DATABASE_URL, or create it with 'isoplan serve' or 'isoplan import FILE --project SLUG'\n",
      );
      expect(code).toBe(1);
      expect(await tables(url)).toEqual(['notes']);
    },
    90_000,
  );

  it('token create, a command that starts a database, migrates it and the read commands then find it', async () => {
    const created = await runIsoplan(process.cwd(), { DATABASE_URL: url }, [
      'token',
      'create',
      '--name',
      'first',
      '--scope',
      'admin',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(await tables(url)).toContain('_prisma_migrations');
    const listed = await runIsoplan(process.cwd(), { DATABASE_URL: url }, ['token', 'list']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
  }, 90_000);

  it('on it, still without a project, plan fails (exit 1) naming how to bring one in; a project named that is not there is exit 2', async () => {
    const where = describeDatabase({ databaseUrl: url, databasePath: null });
    expect(await runIsoplan(process.cwd(), { DATABASE_URL: url }, ['plan'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `isoplan plan: there is no project in ${where}: bring one in with 'isoplan import FILE --project SLUG' ` +
        "or 'isoplan github import OWNER/REPO#N --project SLUG'\n",
    });
    const named = await runIsoplan(process.cwd(), { DATABASE_URL: url }, ['plan', '--project', 'nope']);
    expect(named).toMatchObject({ code: 2, stderr: "isoplan plan: project 'nope' does not exist\n" });
  }, 90_000);
});
