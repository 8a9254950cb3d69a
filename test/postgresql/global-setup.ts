// The PostgreSQL half of the suite: after the run, drop the test databases it made on the server named by
// TEST_DATABASE_URL (test/store/temp-database.ts keeps them for reuse within each test process).
import pg from 'pg';

export default function setup(): () => Promise<void> {
  return async () => {
    const client = new pg.Client({
      connectionString: process.env.TEST_DATABASE_URL,
      connectionTimeoutMillis: 10_000,
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'isoplan\\_t\\_%'`,
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
