// A query string whose percent-encoded bytes are not UTF-8 is a 400 naming the parameter
// (src/api/http/query-encoding.ts), not a filter that silently matches the literal "%E9".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEncodingProblems } from '../../../src/api/http/query-encoding.js';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from '../test-app.js';

describe('queryEncodingProblems', () => {
  it('finds bytes that are not UTF-8 in a name or a value, one problem per parameter', () => {
    expect(queryEncodingProblems('/x?label=%E9t%E9&ok=%C3%A9&%FF=1')).toEqual([
      { path: 'querystring.label', message: expect.stringContaining('(%E9t%E9)') },
      { path: 'querystring.%FF', message: expect.stringContaining('not UTF-8') },
    ]);
  });

  it('takes UTF-8, plus signs and a lone % as what they are', () => {
    expect(queryEncodingProblems('/x?a=%C3%A9&b=a+b&c=100%&d=%ZZ')).toEqual([]);
    expect(queryEncodingProblems('/x')).toEqual([]);
  });
});

describe('a request whose query string is not UTF-8', () => {
  let t: TestApp;
  let project: string;
  beforeAll(async () => {
    t = await createTestApp();
    project = (await givenProject(t.stores)).slug;
    await givenIssue(t.stores, project, { key: 'a', labels: ['été'] });
  });
  afterAll(() => t.close());

  it('is a 400 naming the parameter, not an empty list', async () => {
    const res = await t.app.inject({ url: `/v1/projects/${project}/issues?label=%E9t%E9` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: `${PROBLEM_BASE}invalid-input`,
      errors: [{ path: 'querystring.label', message: expect.stringContaining('not UTF-8') }],
    });
  });

  it('finds what the same text in UTF-8 names', async () => {
    const res = await t.app.inject({ url: `/v1/projects/${project}/issues?label=%C3%A9t%C3%A9` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { key: string }) => i.key)).toEqual(['a']);
  });
});
