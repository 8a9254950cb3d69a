// A SQLite file that a newer isoplan migrated (a migration row this build has no file for): the service and
// every CLI command on the file, read-only ones too, refuse it with one line naming the migration and what
// to do, before they touch anything.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { makeTempDir } from '../store/temp-database.js';
import { runIsoplan } from './cli-harness.js';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await makeTempDir('isoplan-newer-');
  const file = join(dir, 'isoplan.db');
  await (await openDatabase({ url: `file:${file}` })).close();
  const db = new BetterSqlite3(file);
  db.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, started_at, applied_steps_count)
     VALUES ('newer', 'x', '9999_from_a_newer_build', ?, ?, 1)`,
  ).run(Date.now(), Date.now());
  db.close();
  env = { DATABASE_URL: `file:${file}`, PORT: '0', HOST: '127.0.0.1' };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isoplan on a SQLite file a newer build migrated', () => {
  for (const args of [['serve'], ['plan', '--project', 'per-interpreter-gil'], ['token', 'list']]) {
    it(`refuses \`isoplan ${args.join(' ')}\` with the migration named and what to do, exit code 1`, async () => {
      const { code, stdout, stderr } = await runIsoplan(dir, env, args);
      expect(code, stderr).toBe(1);
      expect(stderr).toMatch(
        /^isoplan [a-z ]+: the database was migrated by a newer isoplan: this build does not know migration\(s\) 9999_from_a_newer_build; run the newer build.*\n$/,
      );
      expect(stdout).toBe('');
    }, 60_000);
  }
});
