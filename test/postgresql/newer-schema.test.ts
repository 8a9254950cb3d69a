// A PostgreSQL database that a newer isoplan migrated (a migration row this build has no file for): a
// replica, a worker and a CLI command, read-only ones too, refuse it with one line naming the migration and
// what to do, before they touch anything. A replica already running when it happened says so in /readyz.
import { describe, expect, it } from 'vitest';
import { runIsoplan } from '../cli/cli-harness.js';
import { json, useProcessesOnDatabase } from './processes.js';

const on = useProcessesOnDatabase();

const REFUSAL =
  /^isoplan (\S+): the database was migrated by a newer isoplan: this build does not know migration\(s\) 9999_from_a_newer_build; run the newer build.*\n$/;

describe('isoplan on a PostgreSQL database a newer build migrated', () => {
  it('is degraded where it runs, and refuses to start serve, worker and a read-only command', async () => {
    const running = await on.start('serve', { ISOPLAN_DEMO: '1' });
    try {
      await on.sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ('newer', 'x', '9999_from_a_newer_build', now(), 1)`,
      );
      const ready = await json(`${running.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'degraded' });
      expect(ready.body.detail).toContain('a newer build migrated the database (9999_from_a_newer_build)');
    } finally {
      await running.stop();
    }

    const env = { DATABASE_URL: on.url, PORT: '0', HOST: '127.0.0.1' };
    for (const args of [['serve'], ['worker'], ['plan', '--project', 'per-interpreter-gil']]) {
      const { code, stdout, stderr } = await runIsoplan(process.cwd(), env, args);
      expect(code, stderr).toBe(1);
      expect(stderr).toMatch(REFUSAL);
      expect(stdout).toBe('');
    }
  }, 180_000);
});
