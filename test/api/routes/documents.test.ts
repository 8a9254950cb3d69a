import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import type { ProjectDocument } from '../../../src/domain/model.js';
import { documentIssue, projectDocument } from '../../domain/project-document-builders.js';
import { createTestApp, givenEdge, givenIssue, givenProject, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /v1/projects/:project/export and POST /v1/projects/:project/import', () => {
  it('round-trips a project through export and import into a new project', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'a', labels: ['x'] });
    await givenIssue(t.stores, project.slug, { key: 'b', parent: 'a' });
    await givenEdge(t.stores, project.slug, 'b', 'a');

    const exported = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/export` });
    expect(exported.statusCode).toBe(200);
    const doc = exported.json() as ProjectDocument;
    expect(doc.issues.map((i) => i.key).sort()).toEqual(['a', 'b']);
    expect(doc.dependencies).toEqual([{ issue: 'b', blockedBy: 'a' }]);

    const imported = await t.app.inject({ method: 'POST', url: '/v1/projects/copy/import', payload: doc });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ issues: 2, dependencies: 1 });

    const again = await t.app.inject({ method: 'GET', url: '/v1/projects/copy/export' });
    const copy = again.json() as ProjectDocument;
    expect(copy.issues).toEqual(doc.issues);
    expect(copy.dependencies).toEqual(doc.dependencies);
  });

  it("never answers 304 nor lets a write through on the old store's tags once the project is imported into a new one and reaches their revision", async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'a' });
    await givenIssue(t.stores, project.slug, { key: 'b' });
    await givenEdge(t.stores, project.slug, 'b', 'a');
    const paths = ['', '/plan', '/export', '/issues/a'];
    const old = new Map<string, { etag: string; body: string }>();
    for (const path of paths) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}${path}` });
      old.set(path, { etag: res.headers.etag as string, body: res.body });
    }
    const doc = (await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/export` })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/projects/${project.slug}` })).statusCode).toBe(
      204,
    );

    // The operator moves to a new store (another database): its history starts there.
    const moved = await createTestApp();
    try {
      const url = `/v1/projects/${project.slug}`;
      const imported = await moved.app.inject({ method: 'POST', url: `${url}/import`, payload: doc });
      expect(imported.statusCode, imported.body).toBe(200);
      // Writes in the new store until the project and issue a are at the revisions the old tags name.
      const revisionIn = (path: string) => Number(/^"r(\d+)/.exec(old.get(path)!.etag)![1]);
      for (let i = 0; (await moved.stores.projects.get(project.slug)).revision < revisionIn(''); i++) {
        const a = await moved.stores.issues.get(project.slug, 'a');
        const key = a.revision < revisionIn('/issues/a') ? 'a' : 'b';
        await moved.stores.issues.update(project.slug, key, { estimateDays: 10 + i }, { actor: 'test' });
      }
      expect((await moved.stores.issues.get(project.slug, 'a')).revision).toBe(revisionIn('/issues/a'));
      for (const path of paths) {
        const { etag, body } = old.get(path)!;
        const res = await moved.app.inject({
          method: 'GET',
          url: `${url}${path}`,
          headers: { 'if-none-match': etag },
        });
        expect(res.statusCode, path).toBe(200);
        expect(res.body, path).not.toBe(body);
      }
      const stale = await moved.app.inject({
        method: 'PATCH',
        url: `${url}/issues/a`,
        headers: { 'if-match': old.get('/issues/a')!.etag },
        payload: { title: 'over a change it never saw' },
      });
      expect(stale.statusCode).toBe(412);
    } finally {
      await moved.close();
    }
  });

  it("carries the forecast's fields: each issue's range, assignee and priority, the project's team and calendar", async () => {
    const doc = projectDocument(
      'forecast-doc',
      [
        documentIssue('a', {
          estimateDays: 3,
          estimateLowDays: 2,
          estimateHighDays: 6,
          assignee: 'eric',
          priority: 'p1',
        }),
        documentIssue('b', { estimateDays: 1 }),
      ],
      [],
      {
        team: [{ name: 'eric', capacity: 1 }],
        start: '2025-06-02',
        workdays: [1, 2, 3],
        holidays: ['2025-06-09'],
      },
    );
    const imported = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/forecast-doc/import',
      payload: doc,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const exported = await t.app.inject({ method: 'GET', url: '/v1/projects/forecast-doc/export' });
    expect(exported.json()).toEqual(doc);
  });

  it("refuses a document whose forecast's fields break their rules, naming each", async () => {
    const doc = projectDocument(
      'bad-forecast',
      [documentIssue('a', { estimateDays: 3, estimateLowDays: 5 })],
      [],
      {
        team: [
          { name: 'x', capacity: 1 },
          { name: 'x', capacity: 1 },
        ],
        start: '2025-02-29',
      },
    );
    const res = await t.app.inject({ method: 'POST', url: '/v1/projects/bad-forecast/import', payload: doc });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.issues[0].estimateLowDays', message: 'estimateLowDays (5) is above estimateDays (3)' },
      { path: 'body.project.team[1].name', message: "'x' is named twice" },
      { path: 'body.project.start', message: "'2025-02-29' is not an ISO date (YYYY-MM-DD)" },
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/v1/projects/bad-forecast' })).statusCode).toBe(404);
  });

  it('replaces the issues and dependencies of an existing project', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'old' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/import`,
      payload: projectDocument(
        project.slug,
        [documentIssue('n1'), documentIssue('n2')],
        [{ issue: 'n2', blockedBy: 'n1' }],
      ),
    });
    expect(res.statusCode, res.body).toBe(200);
    const keys = (await t.stores.issues.listAll(project.slug)).map((i) => i.key).sort();
    expect(keys).toEqual(['n1', 'n2']);
  });

  it('changes nothing for a bad document and lists every problem', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug, { key: 'kept' });
    const before = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/export` });

    const bad = projectDocument(
      project.slug,
      ['a', 'b', 'c', 'a'].map((key) => documentIssue(key)),
      [
        { issue: 'a', blockedBy: 'ghost' },
        { issue: 'b', blockedBy: 'c' },
        { issue: 'c', blockedBy: 'b' },
      ],
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/import`,
      payload: bad,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toBe(`${PROBLEM_BASE}invalid-input`);
    const text = JSON.stringify(body.errors);
    expect(body.errors.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('ghost'); // the unknown key
    expect(text).toMatch(/duplicate/i); // the duplicate 'a'
    expect(text).toMatch(/cycle/i); // b <-> c
    // Located in the request body, like request-validation errors.
    for (const e of body.errors) expect(e.path).toMatch(/^body\./);

    const after = await t.app.inject({ method: 'GET', url: `/v1/projects/${project.slug}/export` });
    expect(after.json()).toEqual(before.json());
  });

  it('refuses a document that does not match the schema, naming the fields', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/never/import',
      payload: { version: 1, project: { slug: 'never' }, issues: [{ key: 'a' }], dependencies: 'none' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith('body.project.'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('body.issues[0]'))).toBe(true);
    expect(paths).toContain('body.dependencies');
    const missing = await t.app.inject({ method: 'GET', url: '/v1/projects/never' });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an import without a document, naming the body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/projects/never/import' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body', message: expect.any(String) }]);
  });

  it('refuses a malformed slug in the path as the path parameter, as every other route does', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/Bad_Slug/import',
      payload: projectDocument('bad-slug', [documentIssue('a')]),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}validation-error`,
      errors: [{ path: 'params.project', message: expect.stringContaining('lower-case ASCII letters') }],
    });
  });

  it('answers 404 to exporting an unknown project', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/projects/none-such/export' });
    expect(res.statusCode).toBe(404);
  });
});
