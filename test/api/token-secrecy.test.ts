// No token text anywhere but in the answer that creates it: not in the logs (at trace level), the
// errors, the audit trail, exports, the token list, or the database (its files, or its tables on PostgreSQL).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { createTempDatabase, type TempDatabase, testStore } from '../store/temp-database.js';

const BOOTSTRAP = 'bootstrap-secret-0123456789';
let temp: TempDatabase;
let app: FastifyInstance;
let logs = '';
let secret = '';
/** Every answer after the one that created the token. */
const answers: string[] = [];

beforeAll(async () => {
  temp = await createTempDatabase();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await buildApp(
    { apiToken: BOOTSTRAP, rateLimit: 6 },
    { database: temp.db },
    { logger: { level: 'trace', stream } },
  );
  const root = { authorization: `Bearer ${BOOTSTRAP}` };
  const created = await app.inject({
    method: 'POST',
    url: '/v1/tokens',
    headers: root,
    payload: { name: 'ci', scope: 'write' },
  });
  secret = created.json().token;
  const bearer = { authorization: `Bearer ${secret}`, 'x-actor': 'someone' };

  const calls: InjectOptions[] = [
    { method: 'POST', url: '/v1/projects', headers: root, payload: { slug: 'p', name: 'P' } },
    { method: 'POST', url: '/v1/projects/p/issues', headers: bearer, payload: { key: 'a', title: 'A' } },
    { method: 'PATCH', url: '/v1/projects/p', headers: bearer, payload: { name: 'Q' } }, // 403: write < admin
    ...Array.from({ length: 4 }, () => ({
      method: 'GET' as const,
      url: '/v1/projects/p/issues',
      headers: bearer,
    })),
    { method: 'GET', url: '/v1/projects/p/issues', headers: bearer }, // 429: its seventh request of the minute
    { method: 'GET', url: '/v1/projects/p/history', headers: root },
    { method: 'GET', url: '/v1/projects/p/export', headers: root },
    { method: 'GET', url: '/v1/tokens', headers: root },
    { method: 'GET', url: '/v1/projects', headers: { authorization: `Bearer ${forged(secret)}` } },
    { method: 'GET', url: '/v1/projects', headers: { authorization: `Token ${secret}` } },
  ];
  for (const call of calls) answers.push(answerText(await app.inject(call)));
  const id = JSON.parse(JSON.parse(answers[10] as string).body).items[0].id as string;
  answers.push(answerText(await app.inject({ method: 'DELETE', url: `/v1/tokens/${id}`, headers: root })));
  answers.push(answerText(await app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer })));
  await app.close();
  await temp.db.close();
});
afterAll(() => temp.cleanup());

/**
 * The secret with its last character changed: always another one (a secret that ends in 'x', one in 62,
 * made 'x' the secret itself: authenticated, over its spent budget, a 429 instead of the 401).
 */
function forged(text: string): string {
  return text.slice(0, -1) + (text.endsWith('x') ? 'y' : 'x');
}

/** Status, headers and body of an answer, as text. */
function answerText(res: { statusCode: number; headers: unknown; body: string }): string {
  return JSON.stringify({ statusCode: res.statusCode, headers: res.headers, body: res.body });
}

describe('a token secret', () => {
  it('was made and used: the calls above went through, were refused and were limited', () => {
    expect(secret).toMatch(/^isp_/);
    const statuses = answers.map((a) => (JSON.parse(a) as { statusCode: number }).statusCode);
    expect(statuses).toEqual([201, 201, 403, 200, 200, 200, 200, 429, 200, 200, 200, 401, 401, 204, 401]);
    expect(logs).toContain('"statusCode":429');
  });

  it('appears in no log line, even at trace level', () => {
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(secret.slice(4, 30));
    expect(logs).not.toContain(BOOTSTRAP);
  });

  it('appears in no answer after the one that created it: errors, history, export, token list', () => {
    for (const answer of answers) {
      expect(answer).not.toContain(secret.slice(4, 30));
      expect(answer).not.toContain(BOOTSTRAP);
    }
  });

  it('is not in the database (its files, or every row of every table), or the audit trail, only its last four', async () => {
    const stored = await storedContents();
    expect(stored.length).toBeGreaterThan(0);
    let lastFourSeen = false;
    for (const [name, bytes] of stored) {
      lastFourSeen ||= bytes.includes(secret.slice(-4));
      expect(bytes.includes(secret), name).toBe(false);
      expect(bytes.includes(secret.slice(4, 30)), name).toBe(false);
      expect(bytes.includes(BOOTSTRAP), name).toBe(false);
    }
    // The search does find what is there: the last four characters, kept for display.
    expect(lastFourSeen).toBe(true);
  });
});

/** What the database holds, by name: SQLite's file and its -wal/-shm as bytes; on PostgreSQL, every
 * row of every table of the test's database as text (its files are the server's, shared by all tests). */
async function storedContents(): Promise<[string, Buffer][]> {
  if (testStore() === 'sqlite') {
    const files = (await readdir(temp.dir)).filter((name) => name.startsWith('isoplan.db'));
    expect(files).toContain('isoplan.db');
    return Promise.all(
      files.map(async (name): Promise<[string, Buffer]> => [name, await readFile(join(temp.dir, name))]),
    );
  }
  const client = new pg.Client({ connectionString: temp.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    expect(tables.rows.map((table) => table.name)).toContain('ApiToken');
    const stored: [string, Buffer][] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      stored.push([name, Buffer.from(rows.rows.map((r) => r.row).join('\n'))]);
    }
    return stored;
  } finally {
    await client.end();
  }
}
