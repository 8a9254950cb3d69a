import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ValidationRun, ValidationRunSummary } from '../../../src/domain/validation/types.js';
import { createInProcessRunner } from '../../../src/services/check-runners.js';
import { loadDemoIfEmpty } from '../../../src/store/demo.js';
import { DEMO, DEMO_FREELIST_ISSUES, DEMO_VERDICTS } from '../../services/demo-fixture.js';
import { createTestApp, givenProject, givenToken, PROBLEM_JSON, type TestApp } from '../test-app.js';

describe('validations API', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({}, { checkRunner: createInProcessRunner() });
    await loadDemoIfEmpty(t.database);
  });
  afterEach(() => t.close());

  const validate = (project = DEMO) =>
    t.app.inject({ method: 'POST', url: `/v1/projects/${project}/validations` });

  it('validates the demo end to end with the expected verdicts, then reuses the stored run', async () => {
    const created = await validate();
    expect(created.statusCode).toBe(201);
    const run = created.json<ValidationRun>();
    expect(created.headers.location).toBe(`/v1/projects/${DEMO}/validations/${run.id}`);
    for (const [verdict, keys] of Object.entries(DEMO_VERDICTS)) {
      for (const key of keys) expect(run.issues.find((i) => i.key === key)?.verdict, key).toBe(verdict);
    }
    expect(run.missingDependencies.map((m) => `${m.issue}<-${m.shouldBeBlockedBy}`)).toEqual([
      'freelists<-obmalloc-per-interpreter',
    ]);
    expect(run.goal).toMatchObject({ holds: false, holdsWhenAllDone: true });
    expect(run.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const again = await validate();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...run, reused: true });

    const read = await t.app.inject({ method: 'GET', url: `/v1/projects/${DEMO}/validations/${run.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(run);
  });

  it('records who asked for a run (token, its id, X-Actor) and shows it in the run, its reuse and the list', async () => {
    const first = await givenToken(t.stores, { name: 'ci-bot', scope: 'write' });
    const second = await givenToken(t.stores, { name: 'alice', scope: 'write' });
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${DEMO}/validations`,
      headers: { ...first.bearer, 'x-actor': 'release-42' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const requestedBy = { actor: 'ci-bot', tokenId: first.token.id, onBehalfOf: 'release-42' };
    expect(created.json().requestedBy).toEqual(requestedBy);
    const read = await t.app.inject({
      method: 'GET',
      url: created.headers.location as string,
      headers: second.bearer,
    });
    expect(read.json().requestedBy).toEqual(requestedBy);
    // A reused run is the run first asked for: it names who asked then.
    const reused = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${DEMO}/validations`,
      headers: second.bearer,
    });
    expect(reused.json()).toMatchObject({ reused: true, requestedBy });
    const list = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${DEMO}/validations`,
      headers: second.bearer,
    });
    expect(list.json().items[0].requestedBy).toEqual(requestedBy);
  });

  it('shows a removed real edge as a missing dependency in a new run, listed first', async () => {
    const first = (await validate()).json<ValidationRun>();
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/v1/projects/${DEMO}/issues/unicode-latin1-singletons/blocked-by/unicode-interned`,
    });
    expect(removed.statusCode).toBeLessThan(300);
    const second = await validate();
    expect(second.statusCode).toBe(201);
    const run = second.json<ValidationRun>();
    expect(run.missingDependencies).toContainEqual(
      expect.objectContaining({ issue: 'unicode-latin1-singletons', shouldBeBlockedBy: 'unicode-interned' }),
    );
    const list = await t.app.inject({ method: 'GET', url: `/v1/projects/${DEMO}/validations?limit=1` });
    const page = list.json<{ items: ValidationRunSummary[]; nextCursor: string | null }>();
    expect(page.items.map((s) => s.id)).toEqual([run.id]);
    expect(page.items[0]).toMatchObject({ missingDependencies: 2, regressions: 0, goalHolds: false });
    const next = await t.app.inject({
      method: 'GET',
      url: `/v1/projects/${DEMO}/validations?limit=1&cursor=${page.nextCursor}`,
    });
    expect(next.json<{ items: ValidationRunSummary[] }>().items.map((s) => s.id)).toEqual([first.id]);
  });

  it('reports a finished issue whose claim is not enough as a regression', async () => {
    for (const key of DEMO_FREELIST_ISSUES) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/v1/projects/${DEMO}/issues/${key}`,
        payload: { status: 'done' },
      });
      expect(res.statusCode).toBe(200);
    }
    const run = (await validate()).json<ValidationRun>();
    expect(run.regressions).toEqual(['freelists']);
  });

  it('answers 404 for an unknown project or run, as problem+json', async () => {
    const unknownProject = await validate('no-such-project');
    expect(unknownProject.statusCode).toBe(404);
    expect(unknownProject.headers['content-type']).toBe(PROBLEM_JSON);
    const unknownRun = await t.app.inject({ method: 'GET', url: `/v1/projects/${DEMO}/validations/424242` });
    expect(unknownRun.statusCode).toBe(404);
  });

  it('refuses a cursor it did not hand out at querystring.cursor, as every list does', async () => {
    const res = await t.app.inject({ url: `/v1/projects/${DEMO}/validations?cursor=garbage` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'querystring.cursor', message: expect.any(String) }]);
  });

  it('refuses to validate stored claims the catalog does not know, naming each', async () => {
    // Writes refuse such claims now; a database written by an older version may still hold them.
    const project = await t.database.prisma.project.findUniqueOrThrow({ where: { slug: DEMO } });
    await t.database.prisma.issue.update({
      where: { projectId_key: { projectId: project.id, key: 'ext-ssl' } },
      data: { claims: JSON.stringify([{ component: 'ext:_nossl', placement: 'multi-phase' }]) },
    });
    await t.database.prisma.project.update({
      where: { id: project.id },
      data: { revision: { increment: 1 } },
    });
    const res = await validate();
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'issues.ext-ssl.claims[0].component', message: expect.stringContaining("'ext:_nossl'") },
    ]);
  });

  it('validates an empty project: nothing to test, the empty goal holds', async () => {
    const project = await givenProject(t.stores);
    const res = await validate(project.slug);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ issues: [], missingDependencies: [], goal: { holds: true } });
  });
});
