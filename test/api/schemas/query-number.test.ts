// A number in the query string (src/api/schemas/query-number.ts): plain digits within the parameter's
// bounds, or a 400 problem naming the parameter and what it takes. Through GET …/next?limit= (1 to 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryNumber } from '../../../src/api/schemas/query-number.js';
import { createTestApp, givenIssue, givenProject, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await createTestApp();
  slug = (await givenProject(t.stores)).slug;
  await givenIssue(t.stores, slug, { key: 'a', estimateDays: 1 });
  await givenIssue(t.stores, slug, { key: 'b', estimateDays: 2 });
});
afterAll(() => t.close());

async function next(query: string) {
  return t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/next?${query}` });
}

async function expectRefused(query: string, message: string) {
  const res = await next(query);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toBe(PROBLEM_JSON);
  expect(res.json().errors).toEqual([{ path: 'querystring.limit', message }]);
}

const EXPECTED = 'must be an integer from 1 to 500';

describe('a numeric query parameter', () => {
  it('refuses an empty value, saying what the parameter takes', async () => {
    await expectRefused('limit=', EXPECTED);
  });

  it('refuses a hexadecimal value instead of reading 0x10 as 16', async () => {
    await expectRefused('limit=0x10', EXPECTED);
  });

  it('refuses an exponent instead of reading 1e1 as 10', async () => {
    await expectRefused('limit=1e1', EXPECTED);
  });

  it('refuses surrounding blanks', async () => {
    await expectRefused('limit=%205', EXPECTED);
  });

  it('refuses a fraction where the parameter is an integer, even a whole one', async () => {
    await expectRefused('limit=5.0', EXPECTED);
  });

  it('refuses a sign where the parameter cannot be negative', async () => {
    await expectRefused('limit=%2B5', EXPECTED);
  });

  it('refuses a parameter given twice, saying so', async () => {
    await expectRefused('limit=1&limit=2', 'is given 2 times: give it once');
  });

  it('refuses a value below its range', async () => {
    await expectRefused('limit=0', EXPECTED);
  });

  it('refuses a value above its range', async () => {
    await expectRefused('limit=501', EXPECTED);
  });

  it('takes its lowest value', async () => {
    const res = await next('limit=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(1);
  });

  it('takes its highest value', async () => {
    const res = await next('limit=500');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(2);
  });

  it('takes leading zeros as decimal digits', async () => {
    const res = await next('limit=001');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(1);
  });

  it('names the parameter among several', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/forecast?trials=1e3&seed=7` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'querystring.trials', message: 'must be an integer from 0 to 100000' },
    ]);
  });

  it('changes nothing when refused', async () => {
    const before = await t.stores.projects.get(slug);
    await expectRefused('limit=x', EXPECTED);
    expect((await t.stores.projects.get(slug)).revision).toBe(before.revision);
  });

  it('is documented as the number it takes, bounds included', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const limit = doc.paths['/v1/projects/{project}/next'].get.parameters.find(
      (p: { name: string }) => p.name === 'limit',
    );
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
  });

  it('is documented with the default it takes when absent', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const limitOf = (path: string) =>
      doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limitOf('/v1/projects/{project}/next').schema.default).toBe(10);
    expect(limitOf('/v1/projects').schema.default).toBe(50);
  });
});

describe('queryNumber of a number that may be negative or fractional', () => {
  const offset = queryNumber(z.number().min(-10).max(10));

  it('takes a sign and a fraction', () => {
    expect(offset.parse('-2.5')).toBe(-2.5);
  });

  it('refuses a fraction without digits before the point', () => {
    expect(offset.safeParse('.5').error?.issues.map((i) => i.message)).toEqual([
      'must be a number from -10 to 10',
    ]);
  });
});

describe('queryNumber called in the same process', () => {
  it('takes a number as it is, within the bounds', () => {
    const limit = queryNumber(z.number().int().min(1).max(500));
    expect(limit.parse(7)).toBe(7);
    expect(limit.safeParse(0).success).toBe(false);
  });
});
