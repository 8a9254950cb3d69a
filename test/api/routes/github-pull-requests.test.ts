// Pull requests answered with a check run: a GitHub App installed with `checks: write` on the meta issue's
// repository (the fake checks the App's JWTs); with a plain token, a commit status instead.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckRunDocument } from '../../../src/domain/ci/types.js';
import type { GithubCredentials } from '../../../src/integrations/github/github-client.js';
import { createWebhookVerifier } from '../../../src/integrations/github/webhooks.js';
import { FakeGithub } from '../../integrations/github/fake-github.js';
import { givenMetaIssue, HOME, META } from '../../integrations/github/meta-issue.js';
import { testGithubClient } from '../../integrations/github/test-client.js';
import {
  pullRequestEditedEvent,
  pullRequestEvent,
  signatureOf,
} from '../../integrations/github/webhook-payloads.js';
import { claim, workload } from '../../services/ci-project.js';
import { createTestApp, type TestApp } from '../test-app.js';

const SECRET = 'the-webhook-secret-of-the-pull-request-tests';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP: GithubCredentials = {
  kind: 'app',
  appId: 42,
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const TOKEN = 'ghp_token-of-the-pull-request-tests';

let fake: FakeGithub;
let counter = 0;

beforeAll(async () => {
  fake = await FakeGithub.start({
    tokens: [TOKEN],
    app: { id: 42, publicKey, installations: { [HOME]: { id: 7, checks: 'write' } } },
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  givenMetaIssue(fake);
});

/** An app over the fake GitHub with a project synced from the meta issue, whose gh-4 and gh-5 carry claims. */
async function givenLinkedApp(credentials: GithubCredentials, document: string | null = null) {
  givenMetaIssue(fake);
  const t = await createTestApp(
    {},
    { github: testGithubClient(fake, credentials), webhookVerifier: createWebhookVerifier(SECRET) },
  );
  const project = `pulled-${++counter}`;
  await t.app.services.githubSync.sync(project, { link: { repository: HOME, issue: META, document } });
  // gh-4 splits the tuple free list and checks tuple churn, which also needs gh-5's allocator.
  await t.stores.issues.update(
    project,
    'gh-4',
    { claims: [claim('freelist.tuple', 'per-interpreter')], checks: [workload('tuple-churn')] },
    { actor: 'fixture' },
  );
  await t.stores.issues.update(
    project,
    'gh-5',
    { claims: [claim('obmalloc', 'per-interpreter')] },
    { actor: 'fixture' },
  );
  return { t, project };
}

async function deliver(t: TestApp, payload: object) {
  const body = JSON.stringify(payload);
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/github/webhook',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': `pr-${++counter}`,
      'x-hub-signature-256': signatureOf(body, SECRET),
    },
    payload: body,
  });
  await t.app.services.githubWebhooks.idle();
  return response;
}

describe('pull requests', () => {
  let t: TestApp;
  let project: string;
  beforeAll(async () => {
    ({ t, project } = await givenLinkedApp(APP));
  });
  afterAll(() => t.close());

  it('answers a pull request that closes a sub-issue with exactly one check run, concluding as isoplan check does', async () => {
    const response = await deliver(t, pullRequestEvent('opened', HOME, { body: 'Fixes #4', sha: SHA }));
    expect(response.statusCode).toBe(202);
    expect(fake.checkRuns).toHaveLength(1);
    const [posted] = fake.checkRuns;
    const expected = await t.app.services.ciChecks.run(project, { done: ['gh-4'], sha: SHA });
    expect(expected.conclusion).toBe('failure');
    expect(posted!.create).toMatchObject({
      name: 'isoplan',
      head_sha: SHA,
      status: 'completed',
      conclusion: expected.conclusion,
    });
    expect(posted!.create.details_url).toMatch(
      /^http:\/\/localhost(:80)?\/v1\/projects\/pulled-\d+\/checks\//,
    );
    expect(fake.statuses).toHaveLength(0);
    // The stored run names GitHub as the one who asked, as the audit trail names its webhook changes.
    const stored = await t.app.inject({ method: 'GET', url: new URL(posted!.create.details_url!).pathname });
    expect(stored.json().requestedBy).toEqual({ actor: 'github', tokenId: null, onBehalfOf: null });
  });

  it('takes every issue the body closes, in the home repository and by OWNER/REPO#N', async () => {
    await deliver(
      t,
      pullRequestEvent('synchronize', HOME, { body: 'Closes #4.\n\nResolves python/cpython#5', sha: SHA }),
    );
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]!.create.conclusion).toBe('success');
  });

  it('posts nothing for a pull request that closes no issue of a linked project, or targets another branch', async () => {
    await deliver(t, pullRequestEvent('opened', HOME, { body: 'Refs #4; fixes #404', sha: SHA }));
    await deliver(t, pullRequestEvent('opened', HOME, { body: 'Fixes #4', sha: SHA, base: 'feature' }));
    expect(fake.checkRuns).toHaveLength(0);
    expect(fake.statuses).toHaveLength(0);
  });
});

describe('pull requests edited', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await givenLinkedApp(APP));
  });
  afterAll(() => t.close());

  it('put a neutral check run in place of a failing one when the edited body closes no issue of the project any more', async () => {
    await deliver(t, pullRequestEvent('opened', HOME, { body: 'Fixes #4', sha: SHA }));
    await deliver(
      t,
      pullRequestEditedEvent(HOME, { body: 'Refs #4', sha: SHA }, { body: { from: 'Fixes #4' } }),
    );
    expect(fake.checkRuns.map((c) => [c.create.name, c.create.head_sha, c.create.conclusion])).toEqual([
      ['isoplan', SHA, 'failure'],
      ['isoplan', SHA, 'neutral'],
    ]);
  });

  it('put a neutral check run in place of a failing one when retargeted away from the default branch', async () => {
    await deliver(t, pullRequestEvent('opened', HOME, { body: 'Fixes #4', sha: SHA }));
    // `master`: the default branch of the examples' repository.
    const from = { ref: { from: 'master' }, sha: { from: SHA } };
    await deliver(
      t,
      pullRequestEditedEvent(HOME, { body: 'Fixes #4', sha: SHA, base: 'feature' }, { base: from }),
    );
    expect(fake.checkRuns.map((c) => c.create.conclusion)).toEqual(['failure', 'neutral']);
  });

  it('get checked as when opened once retargeted to the default branch', async () => {
    await deliver(t, pullRequestEvent('opened', HOME, { body: 'Fixes #4', sha: SHA, base: 'feature' }));
    const from = { ref: { from: 'feature' }, sha: { from: SHA } };
    await deliver(t, pullRequestEditedEvent(HOME, { body: 'Fixes #4', sha: SHA }, { base: from }));
    expect(fake.checkRuns.map((c) => [c.create.name, c.create.conclusion])).toEqual([['isoplan', 'failure']]);
  });

  it('put a neutral check run in place of a failing one whose name the edit changed, as it brought in a second project', async () => {
    const { t: two, project } = await givenLinkedApp(APP);
    try {
      // Another project, linked to #6 alone: a pull request closing #6 too checks both, each under its name.
      await two.app.services.githubSync.sync('singletons', {
        link: { repository: HOME, issue: 6, document: null },
      });
      await deliver(two, pullRequestEvent('opened', HOME, { body: 'Fixes #4', sha: SHA }));
      expect(fake.checkRuns.map((c) => [c.create.name, c.create.conclusion])).toEqual([
        ['isoplan', 'failure'],
      ]);
      const edit = { body: { from: 'Fixes #4' } };
      await deliver(two, pullRequestEditedEvent(HOME, { body: 'Fixes #4, fixes #6', sha: SHA }, edit));
      const latest = new Map(fake.checkRuns.map((c) => [c.create.name, c.create.conclusion]));
      expect([...latest.keys()].sort()).toEqual(['isoplan', `isoplan/${project}`, 'isoplan/singletons']);
      expect(latest.get('isoplan')).toBe('neutral');
    } finally {
      await two.close();
    }
  });

  it('get no check run when the edit touches neither the body nor the base', async () => {
    await deliver(
      t,
      pullRequestEditedEvent(HOME, { body: 'Fixes #4', sha: SHA }, { title: { from: 'Old' } }),
    );
    expect(fake.checkRuns).toHaveLength(0);
  });
});

describe('pull requests with a plain token', () => {
  it('get a commit status named isoplan instead, pointing at the stored check', async () => {
    const { t } = await givenLinkedApp({ kind: 'token', token: TOKEN });
    try {
      await deliver(t, pullRequestEvent('reopened', HOME, { body: 'fixes #4', sha: SHA }));
      expect(fake.checkRuns).toHaveLength(0);
      expect(fake.statuses).toHaveLength(1);
      const [status] = fake.statuses;
      expect(status!.sha).toBe(SHA);
      expect(status!.body).toMatchObject({ state: 'failure', context: 'isoplan' });
      expect(status!.body.description!.length).toBeLessThanOrEqual(140);
      expect(status!.body.target_url).toMatch(/\/v1\/projects\/pulled-\d+\/checks\//);
    } finally {
      await t.close();
    }
  });
});

describe('posting a check run with many annotations', () => {
  it('sends the first 50 with the check run and the rest by PATCH, on the lines of the tracked document', async () => {
    const { t, project } = await givenLinkedApp(APP, 'isoplan.json');
    try {
      const exported = (await t.app.inject({ method: 'GET', url: `/v1/projects/${project}/export` })).body;
      const text = JSON.stringify(JSON.parse(exported), null, 2);
      fake.file(HOME, 'isoplan.json', text);
      const run = await t.app.services.ciChecks.run(project, { done: ['gh-4'], sha: SHA });
      const many: CheckRunDocument = {
        ...run,
        output: {
          ...run.output,
          annotations: Array.from({ length: 120 }, (_, i) => ({
            path: 'gh-4',
            start_line: 1,
            end_line: 1,
            annotation_level: 'failure' as const,
            title: `violation ${i}`,
            message: 'tuple churn races on the shared allocator',
          })),
        },
      };
      const posted = await t.app.services.githubCiChecks.post(many, {
        repository: HOME,
        document: 'isoplan.json',
      });
      expect(posted).toMatchObject({ kind: 'check-run', annotations: 120, requests: 3 });
      const [check] = fake.checkRuns;
      expect(check!.create.output!.annotations).toHaveLength(50);
      expect(check!.updates.map((u) => u.output!.annotations!.length)).toEqual([50, 20]);
      const line = text.split('\n').findIndex((l) => l.includes('"key": "gh-4"')) + 1;
      expect(check!.create.output!.annotations![0]).toMatchObject({ path: 'isoplan.json', start_line: line });
    } finally {
      await t.close();
    }
  });
});
