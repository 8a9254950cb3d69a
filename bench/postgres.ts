// PostgreSQL for the benchmarks (`--database postgres`): the server named by TEST_DATABASE_URL, else a
// throw-away cluster of our own (scripts/test-postgres.sh), stopped at the end. Each call makes a fresh
// database on it and drops it afterwards.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'test-postgres.sh');

export interface BenchPostgres {
  /** A fresh empty database's URL; dropped by close(). */
  database(): Promise<string>;
  close(): Promise<void>;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  let server = process.env.TEST_DATABASE_URL;
  let clusterDir: string | undefined;
  if (!server) {
    const env = execFileSync(SCRIPT, ['start'], { encoding: 'utf8' });
    server = /TEST_DATABASE_URL=(\S+)/.exec(env)?.[1];
    clusterDir = /ISOPLAN_TEST_PG_DIR=(\S+)/.exec(env)?.[1];
    if (!server) throw new Error(`scripts/test-postgres.sh start said: ${env}`);
  }
  const admin = new pg.Client(server);
  await admin.connect();
  const made: string[] = [];
  return {
    async database() {
      const name = `isoplan_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      made.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async close() {
      for (const name of made) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      if (clusterDir) execFileSync(SCRIPT, ['stop', clusterDir]);
    },
  };
}

/** `--database sqlite|postgres|both` from a benchmark's arguments (default sqlite); the rest returned. */
export function databaseArgument(args: string[]): { engines: Array<'sqlite' | 'postgres'>; rest: string[] } {
  const at = args.indexOf('--database');
  if (at === -1) return { engines: ['sqlite'], rest: args };
  const value = args[at + 1];
  const rest = args.filter((_, i) => i !== at && i !== at + 1);
  if (value === 'postgres') return { engines: ['sqlite', 'postgres'], rest };
  if (value === 'sqlite') return { engines: ['sqlite'], rest };
  throw new Error(`--database must be sqlite or postgres (postgres runs SQLite beside it), not '${value}'`);
}
