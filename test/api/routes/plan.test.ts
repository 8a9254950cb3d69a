import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema } from '../../../src/api/schemas/plan.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { openDatabase } from '../../../src/store/database.js';
import { until } from '../../until.js';
import { createTestApp, givenEdge, givenIssue, givenProject, type TestApp } from '../test-app.js';

let t: TestApp;
let slug: string;

// a (done) <- b (open) <- c (open); d (open, free); e (wont_do) <- d is irrelevant to readiness.
beforeAll(async () => {
  t = await createTestApp();
  slug = (await givenProject(t.stores, { defaultEstimateDays: 2 })).slug;
  await givenIssue(t.stores, slug, { key: 'a', status: 'done', estimateDays: 1 });
  await givenIssue(t.stores, slug, { key: 'b', title: 'Bee', estimateDays: 3 });
  await givenIssue(t.stores, slug, { key: 'c', estimateDays: 1 });
  await givenIssue(t.stores, slug, { key: 'd', title: 'Dee' });
  await givenEdge(t.stores, slug, 'b', 'a');
  await givenEdge(t.stores, slug, 'c', 'b');
});
afterAll(() => t.close());

describe('GET /v1/projects/:project/plan', () => {
  it('answers the plan: order, waves, ready (ranked), blocked, critical path, progress, assumptions', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/plan` });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.order.indexOf('a')).toBeLessThan(plan.order.indexOf('b'));
    expect(plan.order.indexOf('b')).toBeLessThan(plan.order.indexOf('c'));
    expect(plan.ready).toEqual(['b', 'd']);
    expect(plan.waves).toEqual([['b', 'd'], ['c']]);
    expect(plan.blocked).toEqual([{ key: 'c', blockedBy: ['b'], rootBlockers: ['b'] }]);
    expect(plan.criticalPath).toEqual({ keys: ['b', 'c'], lengthDays: 4 });
    // b is critical and frees c; d (2 days, default estimate) has 2 days of slack.
    expect(plan.readyRanking).toEqual([
      {
        key: 'b',
        priority: null,
        slackDays: 0,
        unblocks: ['c'],
        downstream: 1,
        downstreamDays: 1,
        reasons: ['critical path (no slack)', 'unblocks 1', '1 open issue waits on it (1 day)'],
        reason: 'critical path (no slack) · unblocks 1 · 1 open issue waits on it (1 day)',
      },
      {
        key: 'd',
        priority: null,
        slackDays: 2,
        unblocks: [],
        downstream: 0,
        downstreamDays: 0,
        reasons: ['slack 2 days', 'nothing waits on it'],
        reason: 'slack 2 days · nothing waits on it',
      },
    ]);
    expect(plan.schedule.d).toMatchObject({ earliestStart: 0, slack: 2 });
    expect(plan.progress.project).toMatchObject({ total: 4, finished: 1 });
    expect(plan.assumptions).toEqual([{ kind: 'default-estimate', key: 'd', estimateDays: 2 }]);
  });

  it('serves JSON that satisfies the documented plan schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/plan` });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(PlanSchema.safeParse(res.json()).error).toBeUndefined();
  });

  it("carries the project's ETag and answers 304 while the project is unchanged", async () => {
    const first = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/plan` });
    const etag = first.headers.etag as string;
    const project = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}` });
    expect(etag).toBe(project.headers.etag);
    const again = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/plan`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('computes an unchanged project plan once, and again after a change', async () => {
    const other = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, other, { key: 'x' });
    const before = t.app.services.plans.computed;
    await t.app.inject({ method: 'GET', url: `/v1/projects/${other}/plan` });
    await t.app.inject({ method: 'GET', url: `/v1/projects/${other}/plan` });
    await t.app.inject({ method: 'GET', url: `/v1/projects/${other}/ready` });
    expect(t.app.services.plans.computed).toBe(before + 1);

    await t.app.inject({
      method: 'PATCH',
      url: `/v1/projects/${other}/issues/x`,
      payload: { status: 'done' },
    });
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${other}/plan` });
    expect(res.json().ready).toEqual([]);
    expect(t.app.services.plans.computed).toBe(before + 2);
  });

  it('never serves the plan of a deleted project to a new project with the same slug and revision', async () => {
    const reused = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, reused, { key: 'old' });
    const before = await t.app.inject({ method: 'GET', url: `/v1/projects/${reused}/plan` });
    expect(before.json().order).toEqual(['old']);
    await t.app.inject({ method: 'DELETE', url: `/v1/projects/${reused}` });

    await givenProject(t.stores, { slug: reused });
    await givenIssue(t.stores, reused, { key: 'new' });
    const after = await t.app.inject({ method: 'GET', url: `/v1/projects/${reused}/plan` });
    expect(after.json().order).toEqual(['new']);
    const ready = await t.app.inject({ method: 'GET', url: `/v1/projects/${reused}/ready` });
    expect(ready.json().items.map((i: { key: string }) => i.key)).toEqual(['new']);
  });

  it("serves another connection's write (as another process makes it) in the next plan, though the plan before it was cached", async () => {
    const shared = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, shared, { key: 'first' });
    const plan = () => t.app.inject({ method: 'GET', url: `/v1/projects/${shared}/plan` });
    expect((await plan()).json().order).toEqual(['first']);
    expect((await plan()).json().order).toEqual(['first']);
    const other = await openDatabase({ url: t.url, migrate: false });
    try {
      await givenIssue(other.stores, shared, { key: 'second' });
      expect((await plan()).json().order).toEqual(['first', 'second']);
    } finally {
      await other.close();
    }
  });

  it('answers 404 for an unknown project, as a problem naming it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/no-such/plan' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      type: `${PROBLEM_BASE}not-found`,
      title: 'Not found',
      status: 404,
      detail: "project 'no-such' does not exist",
      instance: '/v1/projects/no-such/plan',
      resource: 'project',
      id: 'no-such',
    });
  });

  it('finds the redundant edges only with ?include=redundantEdges', async () => {
    const other = (await givenProject(t.stores)).slug;
    for (const key of ['x', 'y', 'z']) await givenIssue(t.stores, other, { key });
    await givenEdge(t.stores, other, 'y', 'x');
    await givenEdge(t.stores, other, 'z', 'y');
    await givenEdge(t.stores, other, 'z', 'x');
    const plain = await t.app.inject({ method: 'GET', url: `/v1/projects/${other}/plan` });
    expect(plain.json()).not.toHaveProperty('redundantEdges');
    const full = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${other}/plan?include=redundantEdges`,
    });
    expect(full.json().redundantEdges).toEqual([{ issue: 'z', blockedBy: 'x' }]);
    expect(PlanSchema.safeParse(full.json()).error).toBeUndefined();
    const whatIf = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${other}/plan/what-if?include=redundantEdges`,
      payload: { done: [] },
    });
    expect(whatIf.json().redundantEdges).toEqual([{ issue: 'z', blockedBy: 'x' }]);
  });

  it('answers the plan with redundant edges in full to a client that holds the plan without them', async () => {
    const plain = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/plan` });
    const etag = plain.headers.etag as string;
    const full = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/plan?include=redundantEdges`,
      headers: { 'if-none-match': etag },
    });
    expect(full.statusCode).toBe(200);
    expect(full.json()).toHaveProperty('redundantEdges');
    expect(full.headers.etag).not.toBe(etag);
    const again = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${slug}/plan?include=redundantEdges`,
      headers: { 'if-none-match': full.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('refuses an unknown part to include, naming it', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/plan?include=everything` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('querystring.include[0]');
  });

  it('streams a plan larger than what is kept, chunked, and its next revision after a write', async () => {
    const small = await createTestApp({}, { planCache: { maxKeptJsonBytes: 2048 } });
    try {
      const project = (await givenProject(small.stores)).slug;
      for (let i = 0; i < 40; i++) await givenIssue(small.stores, project, { key: `k${i}` });
      const url = `/v1/projects/${project}/plan`;
      const first = await small.app.inject({ method: 'GET', url });
      expect(first.headers['transfer-encoding']).toBe('chunked');
      expect(first.json().ready).toHaveLength(40);
      await small.app.inject({ method: 'PUT', url: `/v1/projects/${project}/issues/k1/blocked-by/k0` });
      const reads = small.app.services.plans.computed;
      const after = await small.app.inject({ method: 'GET', url });
      expect(after.json().blocked).toEqual([{ key: 'k1', blockedBy: ['k0'], rootBlockers: ['k0'] }]);
      expect(after.headers.etag).not.toBe(first.headers.etag);
      expect(small.app.services.plans.computed).toBe(reads + 1);
    } finally {
      await small.close();
    }
  });
});

describe('GET /v1/projects/:project/plan to a client that takes gzip', () => {
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

  /** The plan URL of a new project of 40 issues: a plan of several kilobytes. */
  async function largePlan(): Promise<string> {
    const project = (await givenProject(t.stores)).slug;
    for (let i = 0; i < 40; i++)
      await givenIssue(t.stores, project, { key: `issue-${i}`, title: `Issue ${i}` });
    return `/v1/projects/${project}/plan`;
  }

  /** Asks for the plan with gzip until it comes gzip-encoded (its gzip is made in the background). */
  async function untilGzipped(url: string) {
    let answer = await get(url, { 'accept-encoding': 'gzip' });
    await until(async () => {
      answer = await get(url, { 'accept-encoding': 'gzip' });
      return answer.headers['content-encoding'] === 'gzip';
    });
    return answer;
  }

  it('sends the plan plain at first, then gzip-encoded once its gzip is made, the same JSON either way', async () => {
    const url = await largePlan();
    const plain = await get(url, {});
    const first = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.headers.vary).toBe('accept-encoding');
    const encoded = await untilGzipped(url);
    expect(encoded.headers['content-encoding']).toBe('gzip');
    expect(encoded.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(encoded.rawPayload).toString()).toBe(plain.body);
    expect(encoded.headers.etag).toBe(`${String(plain.headers.etag).slice(0, -1)}-gzip"`);
  });

  // RFC 9110 §15.4.5: a 304 carries the ETag and Vary the 200 for the same request would carry, and
  // §13.1.2: If-None-Match is compared with the tag of the representation that request selects.
  it('answers If-None-Match with the gzip tag by a 304 carrying the gzip tag', async () => {
    const url = await largePlan();
    const encoded = await untilGzipped(url);
    const tag = String(encoded.headers.etag);
    expect(tag).toMatch(/-gzip"$/);
    const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(tag);
    expect(again.headers.vary).toBe('accept-encoding');
  });

  // A content coding is not a change of the content (store/etag.ts checkIfMatchTag): the plan read plain
  // before its gzip was made, then guarded by its tag, is still the plan the client read.
  it('answers If-Match with the plain tag by the gzip-encoded plan while the project is unchanged', async () => {
    const url = await largePlan();
    const plain = String((await get(url, {})).headers.etag);
    await untilGzipped(url);
    const guarded = await get(url, { 'accept-encoding': 'gzip', 'if-match': plain });
    expect(guarded.statusCode).toBe(200);
    expect(guarded.headers['content-encoding']).toBe('gzip');
  });

  it('answers If-None-Match with the plain tag by a 304 carrying the plain tag to a client without gzip', async () => {
    const url = await largePlan();
    await untilGzipped(url);
    const plain = await get(url, {});
    const tag = String(plain.headers.etag);
    const again = await get(url, { 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(tag);
    expect(again.headers.vary).toBe('accept-encoding');
  });

  it('sends the gzip-encoded plan, under its tag, to a client that takes gzip but holds the plain one', async () => {
    const url = await largePlan();
    const encoded = await untilGzipped(url);
    const plain = await get(url, {});
    const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(plain.headers.etag) });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(again.headers.etag).toBe(encoded.headers.etag);
  });

  it('sends the plain plan, under its tag, to a client that holds the gzip one but no longer takes gzip', async () => {
    const url = await largePlan();
    const encoded = await untilGzipped(url);
    const again = await get(url, { 'if-none-match': String(encoded.headers.etag) });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.headers.etag).toBe(String(encoded.headers.etag).replace(/-gzip"$/, '"'));
  });

  it('sends it plain to a client that refuses gzip or names no coding', async () => {
    const url = await largePlan();
    expect((await untilGzipped(url)).headers['content-encoding']).toBe('gzip');
    for (const accept of ['gzip;q=0', 'identity', 'br']) {
      expect(
        (await get(url, { 'accept-encoding': accept })).headers['content-encoding'],
        accept,
      ).toBeUndefined();
    }
    expect((await get(url, {})).headers['content-encoding']).toBeUndefined();
  });
});

describe('POST /v1/projects/:project/plan/what-if', () => {
  it('answers the plan as if the given issues were done, changing nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${slug}/plan/what-if`,
      payload: { done: ['b'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ready).toEqual(['c', 'd']);
    expect((await t.stores.issues.get(slug, 'b')).status).toBe('open');
  });

  it('refuses unknown keys with 400, naming each one', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${slug}/plan/what-if`,
      payload: { done: ['b', 'ghost', 'phantom'] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toBe(`${PROBLEM_BASE}invalid-input`);
    expect(body.errors).toEqual([
      { path: 'body.done[1]', message: expect.stringContaining('ghost') },
      { path: 'body.done[2]', message: expect.stringContaining('phantom') },
    ]);
    expect(body.unknownKeys).toEqual(['ghost', 'phantom']);
  });

  it('refuses a body without done', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/projects/${slug}/plan/what-if`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.done');
  });
});

describe('GET /v1/projects/:project/ready', () => {
  it('lists the ready issues with their fields', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/ready` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { key: string; title: string }) => [i.key, i.title])).toEqual([
      ['b', 'Bee'],
      ['d', 'Dee'],
    ]);
  });
});

describe('GET /v1/projects/:project/issues/:key/blockers', () => {
  it('lists every open transitive blocker with a shortest chain', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/issues/c/blockers` });
    expect(res.statusCode).toBe(200);
    // a is done: it holds nothing.
    expect(res.json()).toEqual({ key: 'c', blockers: [{ key: 'b', distance: 1, path: ['c', 'b'] }] });
  });

  it('answers 404 for an unknown issue', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/issues/ghost/blockers` });
    expect(res.statusCode).toBe(404);
  });
});

describe('with ISOPLAN_API_TOKEN set', () => {
  it('keeps the what-if open, as it changes nothing', async () => {
    const secured = await createTestApp({ apiToken: 'a-token-long-enough-to-pass' });
    try {
      const project = await givenProject(secured.stores);
      await givenIssue(secured.stores, project.slug, { key: 'k' });
      const res = await secured.app.inject({
        method: 'POST',
        url: `/v1/projects/${project.slug}/plan/what-if`,
        payload: { done: ['k'] },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await secured.close();
    }
  });
});
