// `isoplan token create|list|revoke`, spawned as an operator runs them, on the database file of a
// running service: the service takes the CLI's tokens and refuses a revoked one at its next request.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { EXIT } from '../../src/cli/command.js';
import { parseExpiry } from '../../src/cli/commands/token-create.js';
import { tokenTable } from '../../src/cli/commands/token-list.js';
import { main } from '../../src/cli/main.js';
import { isWellFormedToken } from '../../src/domain/access/token-secret.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { capturedIo, runIsoplan } from './cli-harness.js';

let dir: string;
let database: Database;
let app: FastifyInstance;
const isoplan = (...args: string[]) => runIsoplan(dir, { DATABASE_URL: 'file:./tokens.db' }, args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isoplan-token-'));
  database = await openDatabase({ url: `file:${join(dir, 'tokens.db')}`, migrate: true });
  app = await buildApp({ apiToken: undefined }, { database });
}, 60_000);
afterAll(async () => {
  await app.close();
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

describe('isoplan token', () => {
  let secret = '';
  let id = '';

  it('create prints the token alone on stdout and what it made on stderr', async () => {
    const res = await isoplan('token', 'create', '--name', 'release', '--scope', 'admin', '--expires', '30d');
    expect(res.code).toBe(0);
    secret = res.stdout.trim();
    expect(isWellFormedToken(secret)).toBe(true);
    const made =
      /^created token (\d+) 'release' \(admin, any project\), expires (\S+); it is not shown again$/.exec(
        res.stderr.trim(),
      );
    expect(made, res.stderr).not.toBeNull();
    id = made?.[1] as string;
    const days = (Date.parse(made?.[2] as string) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  }, 60_000);

  it('names ISOPLAN_ACTOR as the creator of the token it makes, else cli', async () => {
    const byAlice = await runIsoplan(dir, { DATABASE_URL: 'file:./tokens.db', ISOPLAN_ACTOR: 'alice' }, [
      'token',
      'create',
      '--name',
      'made-by-alice',
      '--scope',
      'read',
    ]);
    expect(byAlice.code, byAlice.stderr).toBe(0);
    const { items } = await database.stores.tokens.list({ limit: 100 });
    expect(items.find((token) => token.name === 'made-by-alice')?.createdBy).toBe('alice');
    expect(items.find((token) => token.name === 'release')?.createdBy).toBe('cli');
  }, 60_000);

  it('makes a token the running service takes, under its name', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${secret}` },
      payload: { slug: 'released', name: 'R' },
    });
    expect(res.statusCode).toBe(201);
    expect((await database.stores.audit.list('released', { limit: 1 })).items[0]?.actor).toBe('release');
  });

  it('list shows the token without its secret', async () => {
    const res = await isoplan('token', 'list');
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain(secret);
    expect(res.stdout).toMatch(
      new RegExp(`^${id}\\s+release\\s+admin\\s+\\(any\\)\\s+isp_…${secret.slice(-4)}\\s`, 'm'),
    );
    expect(res.stdout).toContain('active');
  }, 60_000);

  it('revoke makes the running service refuse the token at its next request', async () => {
    const res = await isoplan('token', 'revoke', id);
    expect(res).toMatchObject({ code: 0, stdout: `revoked token ${id} 'release'\n` });
    const refused = await app.inject({
      method: 'GET',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toBe('the bearer token has been revoked');
    // Revoked from the command line without ISOPLAN_ACTOR: by `cli`, as README says.
    const listed = await isoplan('token', 'list', '--format', 'json');
    const items = JSON.parse(listed.stdout) as Array<{ id: string; revokedBy: string | null }>;
    expect(items.find((t) => t.id === id)?.revokedBy).toBe('cli');
  }, 60_000);

  it('exits 2 for a bad scope or name, and for a token that does not exist', async () => {
    const scope = await isoplan('token', 'create', '--name', 'ci', '--scope', 'root');
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain("argument 'root' is invalid. Allowed choices are read, write, admin.");
    const name = await isoplan('token', 'create', '--name', 'github', '--scope', 'read', '--expires', '400d');
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("  name: must not be, or look like, one of the service's own actors");
    expect(name.stderr).toContain('  expiresInDays: must be at most 366 days');
    const missing = await isoplan('token', 'revoke', '424242');
    expect(missing).toMatchObject({
      code: 2,
      stderr: "isoplan token revoke: token '424242' does not exist\n",
    });
  }, 60_000);

  it('says which database file it works on when a service is given, which every other command would use', async () => {
    const io = capturedIo(dir);
    io.env = { DATABASE_URL: 'file:./tokens.db', ISOPLAN_SERVER: 'http://127.0.0.1:9' };
    expect(await main(['token', 'list', '--format', 'json'], io)).toBe(EXIT.ok);
    expect(io.err()).toBe(
      `isoplan: token commands work on the database file ${join(dir, 'tokens.db')} (DATABASE_URL), not on the ` +
        "service at http://127.0.0.1:9; a service's own tokens are made on its database, or over its API " +
        '(POST /v1/tokens with an admin token)\n',
    );
    expect(JSON.parse(io.out())).toContainEqual(expect.objectContaining({ name: 'release' }));
  });
});

describe('the token table', () => {
  it('shows each token with its status and its last four characters only', () => {
    const base = {
      scope: 'read' as const,
      project: null,
      lastFour: 'abcd',
      createdBy: 'cli',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      lastUsedAt: null,
      revokedBy: null,
    };
    const lines = tokenTable(
      [
        {
          ...base,
          id: '3',
          name: 'ci',
          project: 'demo',
          expiresAt: new Date('2026-04-01T00:00:00Z'),
          revokedAt: null,
        },
        { ...base, id: '2', name: 'old', expiresAt: new Date('2026-01-02T00:00:00Z'), revokedAt: null },
        {
          ...base,
          id: '1',
          name: 'gone',
          expiresAt: new Date('2026-04-01T00:00:00Z'),
          revokedAt: new Date('2026-01-01T00:00:00Z'),
          revokedBy: 'alice',
        },
      ],
      new Date('2026-02-01T00:00:00Z'),
      Number.POSITIVE_INFINITY,
    );
    expect(lines).toEqual([
      'ID  NAME  SCOPE  PROJECT  TOKEN      EXPIRES           LAST USED  STATUS',
      '3   ci    read   demo     isp_…abcd  2026-04-01 00:00  -          active',
      '2   old   read   (any)    isp_…abcd  2026-01-02 00:00  -          expired',
      '1   gone  read   (any)    isp_…abcd  2026-04-01 00:00  -          revoked by alice',
    ]);
  });

  it('reads --expires as days, with or without the d', () => {
    expect(parseExpiry('90d')).toBe(90);
    expect(parseExpiry('7')).toBe(7);
    expect(() => parseExpiry('3w')).toThrow('--expires must be a number of days such as 90d');
  });
});
