import { afterEach, describe, expect, it } from 'vitest';
import { newTokenSecret } from '../../../src/domain/access/token-secret.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, givenToken, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function appLimitedTo(rateLimit: number): Promise<TestApp> {
  t = await createTestApp({ rateLimit });
  return t;
}

const read = (app: TestApp, headers: Record<string, string> = {}) =>
  app.app.inject({ method: 'GET', url: '/v1/sim/workloads', headers });

/** A simulator run of an empty scenario: a 400, once the budget allowed it (10 reads). */
const run = (app: TestApp, headers: Record<string, string>) =>
  app.app.inject({ method: 'POST', url: '/v1/sim/run', headers, payload: {} });

describe('rate limits', () => {
  it('answers the N+1-th request of a minute with 429 problem+json, Retry-After and the RateLimit headers', async () => {
    const app = await appLimitedTo(3);
    const { bearer } = await givenToken(app.stores, { scope: 'read' });
    for (let i = 1; i <= 3; i++) {
      const res = await read(app, bearer);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(res.headers['ratelimit-remaining']).toBe(String(3 - i));
      expect(res.headers['ratelimit-policy']).toBe('3;w=60');
    }
    const refused = await read(app, bearer);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe(PROBLEM_JSON);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['ratelimit-reset']).toBe(String(retryAfter));
    expect(refused.json()).toMatchObject({
      type: `${PROBLEM_BASE}rate-limited`,
      limit: 3,
      retryAfterSeconds: retryAfter,
    });
  });

  it('keeps a budget per token, and one per client address for requests without a token', async () => {
    const app = await appLimitedTo(2);
    const first = await givenToken(app.stores, { scope: 'read' });
    const second = await givenToken(app.stores, { scope: 'read' });
    for (let i = 0; i < 2; i++) expect((await read(app, first.bearer)).statusCode).toBe(200);
    expect((await read(app, first.bearer)).statusCode).toBe(429);
    expect((await read(app, second.bearer)).statusCode).toBe(200);
    expect((await read(app)).statusCode).toBe(200);
    expect((await read(app)).statusCode).toBe(200);
    expect((await read(app)).statusCode).toBe(429);
    expect((await read(app, second.bearer)).statusCode).toBe(200);
  });

  it('counts guessed tokens against the client address, so guessing is limited too', async () => {
    const app = await appLimitedTo(2);
    const guess = () => read(app, { authorization: `Bearer ${newTokenSecret()}` });
    expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(429);
    expect((await read(app)).statusCode).toBe(429);
  });

  it('charges a simulator run ten reads', async () => {
    const app = await appLimitedTo(20);
    const { bearer } = await givenToken(app.stores, { scope: 'read' });
    const res = await run(app, bearer);
    expect(res.statusCode).toBe(400); // an empty scenario: refused after the budget was spent
    expect(res.headers['ratelimit-remaining']).toBe('10');
    expect((await read(app, bearer)).headers['ratelimit-remaining']).toBe('9');
  });

  it('refuses a run that costs more than is left without spending what is left', async () => {
    const app = await appLimitedTo(12);
    const { bearer } = await givenToken(app.stores, { scope: 'read' });
    for (let i = 0; i < 3; i++) expect((await read(app, bearer)).statusCode).toBe(200);
    const refused = await run(app, bearer);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['ratelimit-remaining']).toBe('9');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused.json().detail).toBe(
      'this call costs 10 requests and 9 of the 12 a minute are left for this client (the simulator, ' +
        `validations, CI checks and forecasts count 10); try again in ${retryAfter} s`,
    );
    const next = await read(app, bearer);
    expect(next.statusCode).toBe(200);
    expect(next.headers['ratelimit-remaining']).toBe('8');
  });

  it('lets as many runs at once through as the budget has room for, and refuses the rest without spending', async () => {
    const app = await appLimitedTo(25);
    // Without a token: no lookup between the runs, so that their spending interleaves.
    const answers = await Promise.all([run(app, {}), run(app, {}), run(app, {})]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([400, 400, 429]);
    const next = await read(app);
    expect(next.statusCode).toBe(200);
    expect(next.headers['ratelimit-remaining']).toBe('4');
  });

  it('lets a run through on a whole budget smaller than its cost', async () => {
    const app = await appLimitedTo(5);
    const { bearer } = await givenToken(app.stores, { scope: 'read' });
    const res = await run(app, bearer);
    expect(res.statusCode).toBe(400);
    expect(res.headers['ratelimit-remaining']).toBe('0');
    expect((await read(app, bearer)).statusCode).toBe(429);
  });

  it('does not charge the health probes', async () => {
    const app = await appLimitedTo(1);
    for (let i = 0; i < 5; i++) {
      const res = await app.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    expect((await read(app)).statusCode).toBe(200);
  });

  it("does not charge the dashboard's page and files, nor the API document", async () => {
    const app = await appLimitedTo(1);
    for (const url of [
      '/',
      '/projects/demo',
      '/assets/app.js',
      '/openapi.json',
      '/docs/',
      '/',
      '/openapi.json',
    ]) {
      const res = await app.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.headers['ratelimit-limit'], url).toBeUndefined();
    }
    expect((await read(app)).statusCode).toBe(200);
  });

  it("keeps a budget per forwarded client behind a trusted proxy, and believes no one else's X-Forwarded-For", async () => {
    t = await createTestApp({ rateLimit: 1, trustedProxies: ['10.0.0.0/8'] });
    const app = t;
    const via = (remoteAddress: string, client: string) =>
      app.app.inject({
        method: 'GET',
        url: '/v1/sim/workloads',
        remoteAddress,
        headers: { 'x-forwarded-for': client },
      });
    expect((await via('10.0.0.2', '203.0.113.1')).statusCode).toBe(200);
    expect((await via('10.0.0.2', '203.0.113.2')).statusCode).toBe(200);
    expect((await via('10.0.0.3', '203.0.113.1')).statusCode).toBe(429);
    // Not a trusted proxy: its header names no one, its own address spends.
    expect((await via('192.0.2.9', '203.0.113.3')).statusCode).toBe(200);
    expect((await via('192.0.2.9', '203.0.113.4')).statusCode).toBe(429);
  });

  it('is off with ISOPLAN_RATE_LIMIT=0: no headers, no 429', async () => {
    const app = await appLimitedTo(0);
    for (let i = 0; i < 50; i++) {
      const res = await read(app);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});
