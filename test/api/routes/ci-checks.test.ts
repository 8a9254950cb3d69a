// CI checks through the API, against a real SQLite file and the real simulator, on a project small enough
// that the verdicts are known (test/services/ci-project.ts), so these tests do not depend on the demo's
// content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRunDocument, CommitStatus } from '../../../src/domain/ci/types.js';
import { findAll, parseXml } from '../../domain/ci/xml.js';
import { claim, givenCiProject, workload } from '../../services/ci-project.js';
import {
  createTestApp,
  givenEdge,
  givenIssue,
  givenProject,
  givenToken,
  PROBLEM_JSON,
  type TestApp,
} from '../test-app.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
let t: TestApp;
let project: string;

beforeAll(async () => {
  t = await createTestApp();
  project = await givenCiProject(t.stores);
});
afterAll(() => t.close());

const postCheck = (done: string[], sha = SHA, slug = project) =>
  t.app.inject({ method: 'POST', url: `/v1/projects/${slug}/checks`, payload: { done, sha } });
const getStatus = (sha: string, slug = project) =>
  t.app.inject({ method: 'GET', url: `/v1/projects/${slug}/status?sha=${sha}` });

describe('POST /v1/projects/:project/checks', () => {
  it('records who asked for the check (token, its id, X-Actor) and shows it again in GET …/checks/:id', async () => {
    // Its own app: a token in the store closes writes without one, which the other tests make.
    const own = await createTestApp();
    try {
      const slug = await givenCiProject(own.stores);
      const { token, bearer } = await givenToken(own.stores, { name: 'ci-bot', scope: 'write' });
      const created = await own.app.inject({
        method: 'POST',
        url: `/v1/projects/${slug}/checks`,
        headers: { ...bearer, 'x-actor': 'pull/7' },
        payload: { done: [], sha: SHA },
      });
      expect(created.statusCode, created.body).toBe(201);
      const requestedBy = { actor: 'ci-bot', tokenId: token.id, onBehalfOf: 'pull/7' };
      expect(created.json().requestedBy).toEqual(requestedBy);
      const read = await own.app.inject({
        method: 'GET',
        url: created.headers.location as string,
        headers: bearer,
      });
      expect(read.json().requestedBy).toEqual(requestedBy);
    } finally {
      await own.close();
    }
  });

  it('succeeds when the marked issues are verified with the change applied', async () => {
    const res = await postCheck(['tuple', 'alloc']);
    expect(res.statusCode).toBe(201);
    const run = res.json<CheckRunDocument>();
    expect(run).toMatchObject({
      name: `isoplan/${project}`,
      head_sha: SHA,
      status: 'completed',
      conclusion: 'success',
      done: ['tuple', 'alloc'],
    });
    expect(run.output.title).toBe('1 marked issue verified, 1 untested');
    expect(run.output.summary).toContain('| `tuple` Per-interpreter tuple free list | ✅ verified |');
    expect(res.headers.location).toBe(`/v1/projects/${project}/checks/${run.id}`);
    expect(run.details_url).toBe(`http://localhost:80/v1/projects/${project}/checks/${run.id}`);
  });

  it('fails when a marked issue fails its checks, with the missing dependency as a warning', async () => {
    const run = (await postCheck(['tuple'])).json<CheckRunDocument>();
    expect(run.conclusion).toBe('failure');
    const levels = run.output.annotations.map((a) => [a.annotation_level, a.path, a.title]);
    expect(levels).toEqual([
      ['failure', 'tuple', 'tuple fails its checks'],
      ['warning', 'tuple', 'missing dependency: tuple should be blocked by alloc'],
    ]);
    expect(run.output.annotations[0]!.message).toContain('obmalloc');
    expect(run.report.marked[0]).toMatchObject({ key: 'tuple', verdict: 'failing', fixedBy: ['alloc'] });
  });

  it('fails when the change regresses a finished issue that passed before', async () => {
    const run = (await postCheck(['gc-revert'])).json<CheckRunDocument>();
    expect(run.conclusion).toBe('failure');
    expect(run.report.regressions.map((r) => r.key)).toEqual(['gc']);
    expect(run.output.annotations[0]).toMatchObject({
      annotation_level: 'failure',
      path: 'gc',
      title: 'gc regresses',
    });
    expect(run.output.summary).toMatch(/#### Regressions[\s\S]*\| `gc` Per-interpreter GC \|/);
  });

  it('is neutral when nothing the change marks done has checks', async () => {
    const run = (await postCheck(['docs'])).json<CheckRunDocument>();
    expect(run.conclusion).toBe('neutral');
    expect(run.output.annotations).toEqual([
      expect.objectContaining({ annotation_level: 'notice', path: 'docs' }),
    ]);
  });

  it('changes nothing in the project', async () => {
    const before = await t.stores.projects.get(project);
    await postCheck(['tuple', 'alloc']);
    const issues = await t.stores.issues.listAll(project);
    expect(issues.find((i) => i.key === 'tuple')!.status).toBe('open');
    expect((await t.stores.projects.get(project)).revision).toBe(before.revision);
  });

  it('refuses unknown issue keys with a 400 naming each, storing nothing', async () => {
    const sha = 'feedface1';
    const res = await postCheck(['tuple', 'ghost', 'phantom'], sha);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    const problem = res.json();
    expect(problem.detail).toContain('ghost, phantom');
    expect(problem.unknownKeys).toEqual(['ghost', 'phantom']);
    expect(problem.errors).toEqual([
      { path: 'body.done[1]', message: "unknown issue 'ghost'" },
      { path: 'body.done[2]', message: "unknown issue 'phantom'" },
    ]);
    expect((await getStatus(sha)).json<CommitStatus>().state).toBe('pending');
  });

  it.each([
    ['too short', 'abc12'],
    ['not hexadecimal', 'not-a-sha'],
    ['too long', 'a'.repeat(41)],
  ])('refuses a sha that is %s with a 400', async (_, sha) => {
    const res = await postCheck(['docs'], sha);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.sha' })]);
  });

  it('answers 404 for an unknown project', async () => {
    const res = await postCheck(['docs'], SHA, 'no-such-project');
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /v1/projects/:project/checks/:id', () => {
  it('answers the stored check run', async () => {
    const posted = (await postCheck(['tuple'], 'abcdef1234')).json<CheckRunDocument>();
    const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/checks/${posted.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(posted);
  });

  it('answers 404 for an unknown check run', async () => {
    for (const id of ['999999', 'nope']) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/checks/${id}` });
      expect(res.statusCode).toBe(404);
    }
  });
});

describe('GET /v1/projects/:project/status', () => {
  it('is pending before any check run of the sha', async () => {
    const res = await getStatus('1111111');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      state: 'pending',
      description: 'No isoplan check run for this commit yet',
      context: `isoplan/${project}`,
      target_url: null,
    });
  });

  it('follows the latest check run of the sha, pointing at it', async () => {
    const sha = '2222222aaaa';
    const failed = (await postCheck(['tuple'], sha)).json<CheckRunDocument>();
    expect((await getStatus(sha)).json<CommitStatus>()).toEqual({
      state: 'failure',
      description: '1 of 1 marked issues fail their checks',
      context: `isoplan/${project}`,
      target_url: failed.details_url,
    });
    const fixed = (await postCheck(['tuple', 'alloc'], sha)).json<CheckRunDocument>();
    const status = (await getStatus(sha)).json<CommitStatus>();
    expect(status).toMatchObject({ state: 'success', target_url: fixed.details_url });
  });

  it('matches shas whatever their case', async () => {
    await postCheck(['docs'], '3333333BBB');
    expect((await getStatus('3333333bbb')).json<CommitStatus>()).toMatchObject({
      state: 'success',
      description: 'Neutral: No checks on the marked issues: nothing to verify',
    });
  });

  it('answers for a full sha asked by its abbreviation, as git rev-parse --short prints it', async () => {
    const full = '5555555d2f1e0c9b8a7f6e5d4c3b2a1908f7e6d5';
    const run = (await postCheck(['tuple'], full)).json<CheckRunDocument>();
    const res = await getStatus('5555555');
    expect(res.statusCode).toBe(200);
    expect(res.json<CommitStatus>()).toMatchObject({ state: 'failure', target_url: run.details_url });
  });

  it('counts a check run posted with an abbreviated sha for the full sha', async () => {
    const run = (await postCheck(['docs'], '7777777A')).json<CheckRunDocument>();
    const res = await getStatus('7777777a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e');
    expect(res.json<CommitStatus>()).toMatchObject({ state: 'success', target_url: run.details_url });
  });

  it('refuses an abbreviation that begins the shas of two checked commits with a 400 naming the parameter', async () => {
    const one = '6666666aaaa0000000000000000000000000000a';
    const other = '6666666bbbb0000000000000000000000000000b';
    await postCheck(['docs'], one);
    await postCheck(['tuple'], other);
    const res = await getStatus('6666666');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.json()).toMatchObject({
      type: 'https://isoplan.dev/problems/invalid-input',
      errors: [{ path: 'querystring.sha', message: expect.stringContaining('ambiguous') }],
      candidates: [one, other],
    });
    expect((await getStatus('6666666a')).json<CommitStatus>()).toMatchObject({ state: 'success' });
  });

  it('keeps the description within 140 characters', async () => {
    const many = await givenProject(t.stores);
    const keys: string[] = [];
    for (let k = 0; k < 30; k++) {
      const key = `a-rather-long-issue-key-number-${k}`;
      keys.push(key);
      await givenIssue(t.stores, many.slug, {
        key,
        status: 'done',
        claims: [claim('gc', 'per-interpreter')],
        checks: [workload('gc')],
      });
    }
    await givenIssue(t.stores, many.slug, { key: 'revert', claims: [claim('gc', 'shared')] });
    for (const key of keys) await givenEdge(t.stores, many.slug, 'revert', key);
    const run = (await postCheck(['revert'], SHA, many.slug)).json<CheckRunDocument>();
    expect(run.report.regressions).toHaveLength(30);
    const { description, state } = (await getStatus(SHA, many.slug)).json<CommitStatus>();
    expect(state).toBe('failure');
    expect(run.output.title.length).toBeGreaterThan(140);
    expect(description).toHaveLength(140);
    expect(description.endsWith('…')).toBe(true);
  });

  it('refuses a malformed sha with a 400', async () => {
    const res = await getStatus('xyz');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'querystring.sha' })]);
  });
});

describe('a stored check run that cannot be read', () => {
  it('makes the commit status an error, pointing at it', async () => {
    const sha = '4444444ccc';
    const row = await t.stores.ciCheckRuns.create(project, {
      sha,
      done: [],
      conclusion: 'success',
      result: { from: 'elsewhere' },
    });
    expect((await getStatus(sha)).json<CommitStatus>()).toMatchObject({
      state: 'error',
      target_url: `http://localhost:80/v1/projects/${project}/checks/${row.id}`,
    });
  });
});

describe('with an API token', () => {
  it('needs the token to post a check, while status and check runs stay readable', async () => {
    const secured = await createTestApp({ apiToken: 'a-token-of-sixteen-chars' });
    try {
      const slug = await givenCiProject(secured.stores);
      const post = (headers: Record<string, string>) =>
        secured.app.inject({
          method: 'POST',
          url: `/v1/projects/${slug}/checks`,
          headers,
          payload: { done: ['docs'], sha: SHA },
        });
      expect((await post({})).statusCode).toBe(401);
      const ok = await post({ authorization: 'Bearer a-token-of-sixteen-chars' });
      expect(ok.statusCode).toBe(201);
      const status = await secured.app.inject({
        method: 'GET',
        url: `/v1/projects/${slug}/status?sha=${SHA}`,
      });
      expect(status.json<CommitStatus>().state).toBe('success');
      const again = await secured.app.inject({ method: 'GET', url: ok.headers.location as string });
      expect(again.statusCode).toBe(200);
    } finally {
      await secured.close();
    }
  });
});

describe('the check run as JUnit', () => {
  it('parses as XML (rendered from a stored report)', async () => {
    const { toJUnitXml } = await import('../../../src/domain/ci/junit.js');
    const run = (await postCheck(['tuple', 'docs'])).json<CheckRunDocument>();
    const root = parseXml(toJUnitXml(run.report, { sha: run.head_sha }));
    expect(findAll(root, 'failure')).toHaveLength(1);
  });
});
