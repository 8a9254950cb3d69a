import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { LONE_SURROGATE_IN_TEXT, NUL_IN_TEXT } from '../../../src/domain/storable-text.js';
import { encodeCursor } from '../../../src/store/cursor.js';
import { createTestApp, givenIssue, givenProject, PROBLEM_JSON, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// U+0000 is refused the same on every engine: PostgreSQL cannot store it (it answered 500), SQLite could.
describe('text holding the NUL character (U+0000)', () => {
  it('in a body is a 400 naming each field that holds it, and nothing is stored', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'nul', title: 'a\u0000b', labels: ['ok', 'x\u0000'] },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}invalid-input`,
      errors: [
        { path: 'body.title', message: NUL_IN_TEXT },
        { path: 'body.labels[1]', message: NUL_IN_TEXT },
      ],
    });
    expect((await t.app.inject({ url: `/v1/projects/${project.slug}/issues/nul` })).statusCode).toBe(404);
  });

  it("in an imported document is a 400 naming the document's field, and nothing is stored", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/nul-import/import',
      payload: { version: 1, project: { slug: 'nul-import', name: 'N\u0000' }, issues: [], dependencies: [] },
    });
    expect(res.statusCode, res.body).toBe(400);
    // The document's own check answers: the import's body is walked for NUL once, not also beforehand.
    expect(res.json()).toMatchObject({
      detail: `the project document's text ${NUL_IN_TEXT}`,
      errors: [{ path: 'body.project.name', message: NUL_IN_TEXT }],
    });
    expect((await t.app.inject({ url: '/v1/projects/nul-import' })).statusCode).toBe(404);
  });

  it('in a query parameter is a 400 naming the parameter', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({ url: `/v1/projects/${project.slug}/issues?label=a%00b` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'querystring.label', message: NUL_IN_TEXT }]);
  });

  it('in a cursor is a cursor the list never returned', async () => {
    const project = await givenProject(t.stores);
    await givenIssue(t.stores, project.slug);
    const cursor = encodeCursor('issues', 'a\u0000');
    const res = await t.app.inject({ url: `/v1/projects/${project.slug}/issues?cursor=${cursor}` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'querystring.cursor', message: expect.any(String) }]);
  });

  it.each([
    ['its path', 'GET', '/v1/nothing/a%00b', undefined],
    ['its body', 'POST', '/v1/nothing', { title: 'a\u0000b' }],
  ] as const)(
    'in %s is, on a URL that names no route, the 404 any unknown URL gets',
    async (_, method, url, payload) => {
      const res = await t.app.inject({ method, url, payload });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().type).toBe(`${PROBLEM_BASE}route-not-found`);
    },
  );

  it('leaves every other character alone: tabs, line breaks, emoji, accents', async () => {
    const project = await givenProject(t.stores);
    const title = 'tab\there\nnext 💥 ünïcödé \u0001';
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      payload: { key: 'fine', title },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toBe(title);
  });
});

// A lone surrogate ("\ud800" in JSON) has no UTF-8 form: each engine's driver stored something else.
describe('text holding a lone surrogate (U+D800 to U+DFFF unpaired)', () => {
  it('in a body is a 400 naming each field that holds it, and nothing is stored', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues`,
      headers: { 'content-type': 'application/json' },
      payload: '{"key":"half","title":"a\\ud800b","labels":["\\udc00"]}',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      detail: `text in the request ${LONE_SURROGATE_IN_TEXT}`,
      errors: [
        { path: 'body.title', message: LONE_SURROGATE_IN_TEXT },
        { path: 'body.labels[0]', message: LONE_SURROGATE_IN_TEXT },
      ],
    });
    expect((await t.app.inject({ url: `/v1/projects/${project.slug}/issues/half` })).statusCode).toBe(404);
  });

  it('in an imported document is a 400 naming the document field, and nothing is stored', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/half-import/import',
      headers: { 'content-type': 'application/json' },
      payload:
        '{"version":1,"project":{"slug":"half-import","name":"H"},' +
        '"issues":[{"key":"a","title":"\\ud83d"}],"dependencies":[]}',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.issues[0].title', message: LONE_SURROGATE_IN_TEXT }]);
    expect((await t.app.inject({ url: '/v1/projects/half-import' })).statusCode).toBe(404);
  });

  it('beside NUL elsewhere is one 400 naming both, each with its own reason', async () => {
    const project = await givenProject(t.stores);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/projects/${project.slug}/issues?label=a%00`,
      headers: { 'content-type': 'application/json' },
      payload: '{"key":"both","title":"\\udfff"}',
    });
    expect(res.statusCode, res.body).toBe(400);
    // POST …/issues takes no query parameter: the answer names that too (every problem of the request at
    // once, request-checks.ts).
    expect(res.json().errors).toEqual([
      { path: 'querystring.label', message: NUL_IN_TEXT },
      { path: 'body.title', message: LONE_SURROGATE_IN_TEXT },
      { path: 'querystring.label', message: expect.stringMatching(/^unknown parameter/) },
    ]);
  });
});
