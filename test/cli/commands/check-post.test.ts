// `isoplan check --post`, as a GitHub Actions job runs it (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL),
// in this process (main, as bin/isoplan runs it) against the fake GitHub on loopback and a temporary
// database file holding the small CI project whose verdicts are known (test/services/ci-project.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CheckRunDocument } from '../../../src/domain/ci/types.js';
import { FakeGithub } from '../../integrations/github/fake-github.js';
import { HOME } from '../../integrations/github/meta-issue.js';
import { ciProjectDocument } from '../../services/ci-project.js';
import { capturedIo } from '../cli-harness.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
/** GitHub Actions' GITHUB_TOKEN of a job with `permissions: checks: write`. */
const ACTIONS_TOKEN = 'ghs_actions-token-with-checks-write';
/** A token GitHub refuses check runs to (a personal token, or a job without `checks: write`). */
const PLAIN_TOKEN = 'ghp_plain-token-without-checks';
const DOCUMENT = 'tracker/project.json';

let fake: FakeGithub;
let dir: string;

async function isoplan(env: NodeJS.ProcessEnv, ...args: string[]) {
  const io = capturedIo(dir);
  io.env = {
    DATABASE_URL: 'file:./post.db',
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: ACTIONS_TOKEN,
    GITHUB_REPOSITORY: HOME,
    LOG_LEVEL: 'silent',
    ...env,
  };
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** `check --post` of a change that marks `alloc` done, which has no checks: neutral. */
const postNeutral = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  isoplan(env, 'check', '-p', 'ci', '--done', 'alloc', '--sha', SHA, '--post', ...args);

beforeAll(async () => {
  fake = await FakeGithub.start({
    tokens: [ACTIONS_TOKEN, PLAIN_TOKEN],
    tokensWithoutChecks: [PLAIN_TOKEN],
  });
  dir = await mkdtemp(join(tmpdir(), 'isoplan-check-post-'));
  await writeFile(join(dir, 'ci.json'), JSON.stringify(ciProjectDocument('ci')));
  // The same project linked to a meta issue of the repository, tracking its document there.
  const linked = ciProjectDocument('linked');
  linked.project.github = { repository: HOME, issue: 1, document: DOCUMENT };
  await writeFile(join(dir, 'linked.json'), JSON.stringify(linked, null, 2));
  for (const slug of ['ci', 'linked']) {
    const imported = await isoplan({}, 'import', `${slug}.json`, '--project', slug);
    expect(imported.stderr).toBe('');
  }
}, 60_000);
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

describe('isoplan check --post', () => {
  it("posts exactly one check run named isoplan on the head sha, with the check's conclusion", async () => {
    const res = await isoplan(
      {},
      'check',
      '-p',
      'ci',
      '--done',
      'tuple',
      '--sha',
      SHA,
      '-f',
      'json',
      '--post',
    );
    expect(res.code).toBe(1);
    const run = JSON.parse(res.stdout) as CheckRunDocument;
    expect(run.conclusion).toBe('failure');
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({
      repository: HOME,
      create: {
        name: 'isoplan',
        head_sha: SHA,
        status: 'completed',
        conclusion: 'failure',
        output: { title: run.output.title },
      },
    });
    expect(fake.statuses).toEqual([]);
    expect(res.stderr).toBe(
      `isoplan: posted check run ${fake.checkRuns[0]!.id} to ${HOME}@${SHA.slice(0, 12)} (0 annotations)\n`,
    );
  });

  it('puts the annotations on the project document when the project is linked to this repository', async () => {
    const text = JSON.stringify(ciProjectDocument('linked'), null, 2);
    fake.file(HOME, DOCUMENT, text);
    const res = await isoplan({}, 'check', '-p', 'linked', '--done', 'tuple', '--sha', SHA, '--post');
    expect(res.code).toBe(1);
    const annotations = fake.checkRuns[0]!.create.output?.annotations ?? [];
    const tuple = annotations.find((a) => a.title === 'tuple fails its checks');
    const line = text.split('\n').findIndex((l) => l.includes('"key": "tuple"')) + 1;
    expect(tuple).toMatchObject({ path: DOCUMENT, start_line: line, annotation_level: 'failure' });
    expect(annotations.every((a) => a.path === DOCUMENT)).toBe(true);
  });

  it('posts a commit status instead when GitHub refuses a check run to the token', async () => {
    const res = await postNeutral({ GITHUB_TOKEN: PLAIN_TOKEN });
    expect(res.code).toBe(0);
    expect(fake.checkRuns).toEqual([]);
    expect(fake.statuses).toHaveLength(1);
    expect(fake.statuses[0]).toMatchObject({
      repository: HOME,
      sha: SHA,
      body: { context: 'isoplan', state: 'success' },
    });
    expect(fake.statuses[0]!.body.description!.length).toBeLessThanOrEqual(140);
    expect(res.stderr).toContain('posted commit status');
  });

  it('exits 1 naming the credentials when GitHub refuses the token, without printing it', async () => {
    const res = await postNeutral({ GITHUB_TOKEN: 'ghp_refused-secret' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('GITHUB_TOKEN');
    expect(res.stdout + res.stderr).not.toContain('ghp_refused-secret');
    expect(fake.checkRuns).toEqual([]);
    expect(fake.statuses).toEqual([]);
  });

  it('exits 2 for an abbreviated sha, which GitHub refuses to post on, before checking anything', async () => {
    const res = await isoplan({}, 'check', '-p', 'ci', '--done', 'alloc', '--sha', SHA.slice(0, 7), '--post');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--post needs the full 40-digit sha');
    expect(fake.requests).toEqual([]);
  });

  it('exits 2 without a repository to post to, before checking anything', async () => {
    const res = await postNeutral({ GITHUB_REPOSITORY: '' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('give --repository OWNER/REPO (or set GITHUB_REPOSITORY)');
    const bad = await postNeutral({}, '--repository', 'cpython');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--repository must be OWNER/REPO, not 'cpython'");
    expect(fake.requests).toEqual([]);
  });
});
