import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { NewApiToken, Stores } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase;
let stores: Stores;
beforeAll(async () => {
  temp = await createTempDatabase();
  stores = temp.db.stores;
});
afterAll(() => temp.cleanup());

let n = 0;
function newToken(input: Partial<NewApiToken> = {}): NewApiToken {
  n++;
  return {
    name: `token-${n}`,
    scope: 'read',
    project: null,
    digest: n.toString(16).padStart(64, '0'),
    lastFour: 'abcd',
    createdBy: 'admin',
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    ...input,
  };
}

describe('token store', () => {
  it('says whether any token was ever made', async () => {
    expect(await stores.tokens.anyExists()).toBe(false);
    await stores.tokens.create(newToken());
    expect(await stores.tokens.anyExists()).toBe(true);
  });

  it('keeps what it is given, with a string id, and finds a token by its digest only', async () => {
    const input = newToken({ name: 'ci', scope: 'write', project: 'demo' });
    const token = await stores.tokens.create(input);
    expect(token).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'ci',
      scope: 'write',
      project: 'demo',
      lastFour: 'abcd',
      createdBy: 'admin',
      createdAt: expect.any(Date),
      expiresAt: input.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    expect(await stores.tokens.findByDigest(input.digest)).toEqual({ ...token, digest: input.digest });
    expect(await stores.tokens.findByDigest('f'.repeat(64))).toBeNull();
  });

  it('refuses a second token with the same digest', async () => {
    const input = newToken();
    await stores.tokens.create(input);
    await expect(stores.tokens.create({ ...input, name: 'again' })).rejects.toThrow();
  });

  it('revokes once: revoking again keeps the first time and who revoked it, and the row stays', async () => {
    const token = await stores.tokens.create(newToken());
    expect(token.revokedBy).toBeNull();
    const first = new Date('2026-01-01T00:00:00Z');
    expect(await stores.tokens.revoke(token.id, first, 'alice')).toMatchObject({
      revokedAt: first,
      revokedBy: 'alice',
    });
    expect(await stores.tokens.revoke(token.id, new Date('2027-01-01T00:00:00Z'), 'bob')).toMatchObject({
      revokedAt: first,
      revokedBy: 'alice',
    });
    const listed = await stores.tokens.list({ limit: 500 });
    expect(listed.items.find((t) => t.id === token.id)).toMatchObject({
      revokedAt: first,
      revokedBy: 'alice',
    });
  });

  it('answers NotFoundError for an unknown id', async () => {
    await expect(stores.tokens.revoke('999999', new Date(), 'alice')).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.tokens.revoke('not-an-id', new Date(), 'alice')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('records a use', async () => {
    const input = newToken();
    const token = await stores.tokens.create(input);
    const at = new Date('2026-02-03T04:05:06Z');
    await stores.tokens.touch(token.id, at);
    expect((await stores.tokens.findByDigest(input.digest))?.lastUsedAt).toEqual(at);
  });

  it('never moves the last use back when an older use is written after a newer one', async () => {
    const input = newToken();
    const token = await stores.tokens.create(input);
    const newer = new Date('2026-02-03T04:06:00Z');
    await stores.tokens.touch(token.id, newer);
    await stores.tokens.touch(token.id, new Date('2026-02-03T04:05:00Z'));
    expect((await stores.tokens.findByDigest(input.digest))?.lastUsedAt).toEqual(newer);
  });

  it('lists newest first, page by page', async () => {
    const first = await stores.tokens.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(Number(first.items[0]?.id)).toBeGreaterThan(Number(first.items[1]?.id));
    const second = await stores.tokens.list({ limit: 2, cursor: first.nextCursor as string });
    expect(Number(second.items[0]?.id)).toBeLessThan(Number(first.items[1]?.id));
  });
});
