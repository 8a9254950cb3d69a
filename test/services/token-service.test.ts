import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWellFormedToken, newTokenSecret, tokenDigest } from '../../src/domain/access/token-secret.js';
import {
  createTokenService,
  LAST_USED_RESOLUTION_MS,
  type TokenService,
} from '../../src/services/token-service.js';
import type { Stores, TokenStore } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

let temp: TempDatabase;
let stores: Stores;
let clock = new Date('2026-01-01T00:00:00Z');
let service: TokenService;
/** The store's calls, to see which requests reach the database. */
const calls: string[] = [];

beforeAll(async () => {
  temp = await createTempDatabase();
  stores = temp.db.stores;
  await stores.projects.create({ slug: 'demo', name: 'Demo' }, { actor: 'test' });
  const tokens = new Proxy(stores.tokens, {
    get(target, name: keyof TokenStore) {
      const method = target[name];
      return (...args: unknown[]) => {
        calls.push(name);
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  service = createTokenService({ tokens, projects: stores.projects, now: () => clock });
});
afterAll(() => temp.cleanup());

const admin = { actor: 'admin' };

describe('token service', () => {
  it('makes a well-formed secret, returns it once and stores only its digest', async () => {
    const { token, secret } = await service.create({ name: 'ci', scope: 'write' }, admin);
    expect(isWellFormedToken(secret)).toBe(true);
    expect(token).toMatchObject({ name: 'ci', scope: 'write', project: null, createdBy: 'admin' });
    expect(token.lastFour).toBe(secret.slice(-4));
    expect(JSON.stringify(token)).not.toContain(secret);
    expect(await stores.tokens.findByDigest(tokenDigest(secret))).toMatchObject({ id: token.id });
  });

  it('expires a token after 90 days unless told otherwise', async () => {
    const { token } = await service.create({ name: 'ci', scope: 'read' }, admin);
    expect(token.expiresAt.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const short = await service.create({ name: 'ci', scope: 'read', expiresInDays: 1 }, admin);
    expect(short.token.expiresAt.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('refuses a project that does not exist, at `project`', async () => {
    await expect(
      service.create({ name: 'ci', scope: 'read', project: 'ghost' }, admin),
    ).rejects.toMatchObject({
      type: 'invalid-input',
      errors: [{ path: 'project', message: "project 'ghost' does not exist" }],
    });
  });

  it("refuses a name that looks like a live token's other name, naming the clash, and takes the same name", async () => {
    const { token: alice } = await service.create({ name: 'alice', scope: 'read' }, admin);
    const { token: pop } = await service.create({ name: 'pop', scope: 'read' }, admin);
    // All Cyrillic (р о р), fullwidth Latin: each displays as a live token's name.
    for (const [lookalike, existing] of [
      ['\u0440\u043e\u0440', pop],
      ['\uff41\uff4c\uff49\uff43\uff45', alice],
    ] as const) {
      await expect(service.create({ name: lookalike, scope: 'read' }, admin)).rejects.toMatchObject({
        status: 409,
        type: 'confusable-token-name',
        detail: expect.stringContaining(
          `looks like '${existing.name}', the name of live token ${existing.id}`,
        ),
      });
    }
    // The same name again is no clash (a token's successor), nor a name that only shares letters.
    expect((await service.create({ name: 'alice', scope: 'write' }, admin)).token.name).toBe('alice');
    expect((await service.create({ name: 'alice-2', scope: 'read' }, admin)).token.name).toBe('alice-2');
  });

  it('lets one of two look-alike names in when both are asked for at once', async () => {
    const results = await Promise.allSettled([
      service.create({ name: 'pox', scope: 'read' }, admin),
      service.create({ name: '\u0440\u043e\u0445', scope: 'read' }, admin), // Cyrillic р о х
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, type: 'confusable-token-name' });
  });

  it('takes a look-alike name once the token it looked like is revoked', async () => {
    const { token } = await service.create({ name: 'cox', scope: 'read' }, admin);
    await service.revoke(token.id, admin);
    const cyrillic = '\u0441\u043e\u0445';
    expect((await service.create({ name: cyrillic, scope: 'read' }, admin)).token.name).toBe(cyrillic);
  });

  it('authenticates a token until it is revoked, and refuses it from then on', async () => {
    const { token, secret } = await service.create({ name: 'ci', scope: 'write', project: 'demo' }, admin);
    expect(await service.authenticate(secret)).toEqual({
      ok: true,
      token: expect.objectContaining({ id: token.id, project: 'demo' }),
    });
    await service.revoke(token.id, admin);
    expect(await service.authenticate(secret)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('refuses a token once it has expired', async () => {
    const { secret } = await service.create({ name: 'ci', scope: 'read', expiresInDays: 1 }, admin);
    clock = new Date('2026-01-02T00:00:00Z');
    expect(await service.authenticate(secret)).toEqual({ ok: false, reason: 'expired' });
    clock = new Date('2026-01-01T00:00:00Z');
  });

  it('refuses an unknown token, and a malformed one without asking the database', async () => {
    expect(await service.authenticate(newTokenSecret())).toEqual({ ok: false, reason: 'invalid' });
    calls.length = 0;
    expect(await service.authenticate('isp_not-a-token')).toEqual({ ok: false, reason: 'invalid' });
    expect(calls).toEqual([]);
  });

  it('records a use at most once a minute per token', async () => {
    const { token, secret } = await service.create({ name: 'ci', scope: 'read' }, admin);
    calls.length = 0;
    await service.authenticate(secret);
    await service.authenticate(secret);
    clock = new Date(clock.getTime() + LAST_USED_RESOLUTION_MS);
    await service.authenticate(secret);
    expect(calls.filter((c) => c === 'touch')).toHaveLength(2);
    // The use is written after the answer, in the background: it lands a moment later.
    await expect
      .poll(async () => (await stores.tokens.findByDigest(tokenDigest(secret)))?.lastUsedAt)
      .toEqual(clock);
    expect(token.lastUsedAt).toBeNull();
  });

  it('says auth is configured once a token exists, and remembers it', async () => {
    expect(await service.anyExists()).toBe(true);
    calls.length = 0;
    expect(await service.anyExists()).toBe(true);
    expect(calls).toEqual([]);
  });
});
