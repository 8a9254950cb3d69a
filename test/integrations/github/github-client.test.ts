import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GithubForbiddenError,
  GithubNotFoundError,
  GithubRateLimitedError,
  GithubUnavailableError,
} from '../../../src/integrations/github/github-errors.js';
import { FakeGithub } from './fake-github.js';
import { testGithubClient } from './test-client.js';

const REPO = 'python/cpython';
let fake: FakeGithub;

afterEach(async () => fake.close());

describe('the GitHub client with a token', () => {
  const TOKEN = 'ghp_the-token-of-the-client-test';
  beforeEach(async () => {
    fake = await FakeGithub.start({ tokens: [TOKEN] });
  });
  const client = () => testGithubClient(fake, { kind: 'token', token: TOKEN });

  it('reads an issue into its plain fields', async () => {
    fake.issue(REPO, 5, {
      title: 'Tuple free list',
      labels: ['estimate: 2d'],
      assignees: ['ericsnowcurrently'],
    });
    const issue = await (await client().repository(REPO)).getIssue(5);
    expect(issue).toMatchObject({
      repository: REPO,
      number: 5,
      title: 'Tuple free list',
      url: 'https://github.com/python/cpython/issues/5',
      state: 'open',
      labels: ['estimate: 2d'],
      assignees: ['ericsnowcurrently'],
    });
  });

  it('reads every page of sub-issues and of blockers, following the Link headers', async () => {
    fake.issue(REPO, 1);
    for (let n = 2; n <= 251; n++) {
      fake.issue(REPO, n);
      fake.setParent([REPO, n], [REPO, 1]);
    }
    fake.setBlockedBy(
      [REPO, 1],
      Array.from({ length: 120 }, (_, i): [string, number] => [REPO, i + 2]),
    );
    const repo = await client().repository(REPO);
    expect((await repo.listSubIssues(1)).map((i) => i.number)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 2),
    );
    expect(await repo.listBlockedBy(1)).toHaveLength(120);
    expect(
      fake.received('GET', `/repos/${REPO}/issues/1/sub_issues`).map((r) => r.query.get('page')),
    ).toEqual([null, '2', '3']);
  });

  it('reads the repository of an issue from its repository_url', async () => {
    fake.issue(REPO, 1);
    fake.issue('octo/lib', 9);
    fake.setBlockedBy([REPO, 1], [['octo/lib', 9]]);
    const [blocker] = await (await client().repository(REPO)).listBlockedBy(1);
    expect(blocker).toMatchObject({ repository: 'octo/lib', number: 9 });
  });

  it('says which issue GitHub does not have', async () => {
    const error = await (await client().repository(REPO)).getIssue(404).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubNotFoundError);
    expect((error as GithubNotFoundError).detail).toContain('issue python/cpython#404');
  });

  it('finds no parent and no file where there is none, without an error', async () => {
    fake.issue(REPO, 1);
    const repo = await client().repository(REPO);
    expect(await repo.getParent(1)).toBeNull();
    expect(await repo.readFile('project.json', 'abc1234')).toBeNull();
    fake.file(REPO, 'project.json', '{"version": 1}');
    expect(await repo.readFile('project.json', 'abc1234')).toBe('{"version": 1}');
  });

  it('turns refused credentials into a 403 problem that names what to check and not the token', async () => {
    fake.issue(REPO, 1);
    const error = await (await testGithubClient(fake, { kind: 'token', token: 'ghp_wrong' }).repository(REPO))
      .getIssue(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubForbiddenError);
    expect((error as GithubForbiddenError).status).toBe(403);
    expect((error as GithubForbiddenError).detail).toContain('GITHUB_TOKEN');
    expect((error as GithubForbiddenError).detail).not.toContain('ghp_wrong');
  });

  it('waits out a primary and a secondary rate limit and retries', async () => {
    fake.issue(REPO, 1);
    const warnings: string[] = [];
    const repo = await testGithubClient(
      fake,
      { kind: 'token', token: TOKEN },
      { log: { warn: (m) => warnings.push(m) } },
    ).repository(REPO);
    fake.rateLimit('primary', 'secondary');
    expect((await repo.getIssue(1)).number).toBe(1);
    expect(fake.received('GET', `/repos/${REPO}/issues/1`)).toHaveLength(3);
    expect(warnings).toEqual([
      expect.stringContaining(
        'primary rate limit on GET /repos/{owner}/{repo}/issues/{issue_number}: retrying',
      ),
      expect.stringContaining('secondary rate limit'),
    ]);
    expect(warnings.join('\n')).not.toContain(TOKEN);
  });

  it('waits out a secondary rate limit answered 429 with Retry-After, and retries', async () => {
    fake.issue(REPO, 1);
    fake.rateLimit('secondary-429', 'secondary-429');
    expect((await (await client().repository(REPO)).getIssue(1)).number).toBe(1);
    expect(fake.received('GET', `/repos/${REPO}/issues/1`)).toHaveLength(3);
  });

  it('gives up on a rate limit that lifts too late, with the time to wait', async () => {
    fake.issue(REPO, 1);
    fake.rateLimit('primary-long');
    const error = await (await client().repository(REPO)).getIssue(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubRateLimitedError);
    expect((error as GithubRateLimitedError).retryAfterSeconds).toBeGreaterThan(3000);
  });

  it('retries 5xx answers and reads on', async () => {
    fake.issue(REPO, 1);
    fake.fail(502, 503);
    expect((await (await client().repository(REPO)).getIssue(1)).number).toBe(1);
    expect(fake.received('GET', `/repos/${REPO}/issues/1`)).toHaveLength(3);
  });

  it('gives up on GitHub answering 5xx after three retries, with a 502 problem naming the call', async () => {
    fake.issue(REPO, 1);
    fake.fail(500, 502, 503, 504);
    const error = await (await client().repository(REPO)).getIssue(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubUnavailableError);
    expect((error as GithubUnavailableError).status).toBe(502);
    expect((error as GithubUnavailableError).detail).toContain('answered 504 to issue python/cpython#1');
    expect(fake.received('GET', `/repos/${REPO}/issues/1`)).toHaveLength(4);
  });

  it('gives up on a request GitHub never answers, retried, with a 502 problem saying it got no answer', async () => {
    fake.issue(REPO, 1);
    const repo = await testGithubClient(fake, { kind: 'token', token: TOKEN }, { timeoutMs: 200 }).repository(
      REPO,
    );
    fake.fail('no-answer', 'no-answer', 'no-answer', 'no-answer');
    const error = await repo.getIssue(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubUnavailableError);
    expect((error as GithubUnavailableError).detail).toBe(
      'GitHub did not answer issue python/cpython#1 (no answer within 0.2 s)',
    );
    expect(fake.received('GET', `/repos/${REPO}/issues/1`)).toHaveLength(4);
    expect((await repo.getIssue(1)).number).toBe(1);
  });

  it('retries a request GitHub does not answer in time, and reads on', async () => {
    fake.issue(REPO, 1);
    const repo = await testGithubClient(fake, { kind: 'token', token: TOKEN }, { timeoutMs: 200 }).repository(
      REPO,
    );
    fake.fail('no-answer');
    expect((await repo.getIssue(1)).number).toBe(1);
  });

  it('posts check runs, their further annotations and commit statuses, and cannot create check runs itself', async () => {
    const repo = await client().repository(REPO);
    expect(repo.canCreateCheckRuns).toBe(false);
    const annotation = {
      path: 'p.json',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice' as const,
      title: 't',
      message: 'm',
    };
    const output = { title: 'ok', summary: 's', annotations: [annotation] };
    const sha = 'a'.repeat(40);
    const { id } = await repo.createCheckRun({
      name: 'isoplan',
      head_sha: sha,
      status: 'completed',
      conclusion: 'success',
      started_at: '2026-01-01T00:00:00Z',
      completed_at: '2026-01-01T00:00:01Z',
      output,
    });
    await repo.updateCheckRun(id, { output });
    await repo.createCommitStatus(sha, {
      state: 'success',
      description: 'ok',
      context: 'isoplan',
      target_url: null,
    });
    expect(fake.checkRuns).toMatchObject([{ id, create: { name: 'isoplan' }, updates: [{ output }] }]);
    expect(fake.statuses).toMatchObject([{ sha, body: { state: 'success', context: 'isoplan' } }]);
  });
});

describe('the GitHub client as a GitHub App', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const credentials = {
    kind: 'app' as const,
    appId: 42,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  beforeEach(async () => {
    fake = await FakeGithub.start({
      app: {
        id: 42,
        publicKey,
        installations: { [REPO]: { id: 7, checks: 'write' }, 'octo/read-only': { id: 8, checks: null } },
      },
    });
  });

  it("finds the repository's installation and reads with its token", async () => {
    fake.issue(REPO, 1);
    const repo = await testGithubClient(fake, credentials).repository(REPO);
    expect(repo.canCreateCheckRuns).toBe(true);
    expect((await repo.getIssue(1)).number).toBe(1);
    expect(fake.received('POST', '/app/installations/7/access_tokens')).toHaveLength(1);
  });

  it('cannot create check runs where the installation lacks checks: write', async () => {
    expect((await testGithubClient(fake, credentials).repository('octo/read-only')).canCreateCheckRuns).toBe(
      false,
    );
  });

  it('reads a repository the App is not installed on through another installation, or says it is not installed', async () => {
    fake.issue('octo/public', 3);
    const client = testGithubClient(fake, credentials);
    expect((await (await client.repository('octo/public', REPO)).getIssue(3)).number).toBe(3);
    await expect(client.repository('octo/public')).rejects.toBeInstanceOf(GithubNotFoundError);
  });
});
