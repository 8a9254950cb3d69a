import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { createWebhookVerifier } from '../../../src/integrations/github/webhooks.js';
import type { ProjectEvent } from '../../../src/services/project-events.js';
import { openDatabase } from '../../../src/store/database.js';
import { FakeGithub } from '../../integrations/github/fake-github.js';
import { ELSEWHERE, givenMetaIssue, HOME, META } from '../../integrations/github/meta-issue.js';
import { testGithubClient } from '../../integrations/github/test-client.js';
import {
  issueDependenciesEvent,
  issuesEvent,
  labelEvent,
  signatureOf,
  subIssuesEvent,
} from '../../integrations/github/webhook-payloads.js';
import { createTempDatabase } from '../../store/temp-database.js';
import { createTestApp, listenOnLoopback, PROBLEM_JSON, type TestApp } from '../test-app.js';

const SECRET = 'the-webhook-secret-of-the-tests';
const TOKEN = 'ghp_token-of-the-webhook-tests';
const API_TOKEN = 'an-api-token-of-the-webhook-tests';
let fake: FakeGithub;
let t: TestApp;
let project: string;
let counter = 0;

beforeAll(async () => {
  fake = await FakeGithub.start({ tokens: [TOKEN] });
  t = await createTestApp(
    // Writes need a bearer token; GitHub has none: its deliveries are authenticated by their signature.
    { apiToken: API_TOKEN },
    {
      github: testGithubClient(fake, { kind: 'token', token: TOKEN }),
      webhookVerifier: createWebhookVerifier(SECRET),
    },
  );
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(async () => {
  givenMetaIssue(fake);
  project = `hooked-${++counter}`;
  const synced = await t.app.services.githubSync.sync(project, {
    link: { repository: HOME, issue: META, document: null },
  });
  expect(synced.added).toHaveLength(7);
});

interface Delivery {
  id?: string;
  signature?: string | null;
  secret?: string;
  /** Another app than the file's. */
  to?: TestApp;
  headers?: Record<string, string>;
  /** The bytes sent (and signed) instead of the payload's JSON. */
  body?: string;
  contentType?: string;
}

/** POSTs a delivery as GitHub does, then waits until the work after the answer is done. */
async function deliver(event: string, payload: object, options: Delivery = {}) {
  const body = options.body ?? JSON.stringify(payload);
  const signature =
    options.signature === undefined ? signatureOf(body, options.secret ?? SECRET) : options.signature;
  const to = options.to ?? t;
  const response = await to.app.inject({
    method: 'POST',
    url: '/v1/github/webhook',
    headers: {
      ...options.headers,
      'content-type': options.contentType ?? 'application/json',
      'x-github-event': event,
      'x-github-delivery': options.id ?? `delivery-${++counter}`,
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
    },
    payload: body,
  });
  await to.app.services.githubWebhooks.idle();
  return response;
}

const issue = (key: string) => t.stores.issues.get(project, key);

/** Claims on gh-5, then the meta issue's repository renamed on GitHub with no sync since: what to check. */
async function givenHomeRenamed() {
  const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
  await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'fixture' });
  const keys = (await t.stores.issues.listAll(project)).map((i) => i.key);
  const renamed = 'python/cpython-renamed';
  fake.renameRepository(HOME, renamed);
  return { claims, keys, renamed };
}

/** An app of its own on a fresh database whose log (at `level`) the test reads. */
async function appLogging(level: 'info' | 'trace') {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const temp = await createTempDatabase();
  const app = await buildApp(
    { apiToken: undefined },
    {
      database: temp.db,
      github: testGithubClient(fake, { kind: 'token', token: TOKEN }),
      webhookVerifier: createWebhookVerifier(SECRET),
    },
    { logger: { level, stream } },
  );
  return { app, temp, logged: () => text };
}

/** POSTs an `issues` delivery of `body` with this signature to an app of appLogging's. */
function postIssuesDelivery(app: FastifyInstance, body: string, id: string, signature: string) {
  return app.inject({
    method: 'POST',
    url: '/v1/github/webhook',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': id,
      'x-hub-signature-256': signature,
    },
    payload: body,
  });
}

describe('POST /v1/github/webhook', () => {
  it('applies a closed issue to the linked project as actor github and announces the issue it unblocked', async () => {
    const seen: ProjectEvent[] = [];
    const stop = t.app.events.subscribe(project, (event) => seen.push(event));
    const closed = fake.issue(ELSEWHERE, 9, { state: 'closed' });
    const response = await deliver('issues', issuesEvent('closed', closed, ELSEWHERE));
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ event: 'issues', outcome: 'accepted' });
    expect(await issue('ericsnowcurrently:lib:gh-9')).toMatchObject({ status: 'done' });
    const [last] = (await t.stores.audit.list(project, { limit: 1 })).items;
    expect(last).toMatchObject({ actor: 'github' });
    // Events travel through the database's change feed (on PostgreSQL, a NOTIFY that arrives a moment later).
    await vi.waitFor(() => {
      expect(seen).toContainEqual(expect.objectContaining({ type: 'change', url: '/v1/github/webhook' }));
      expect(seen).toContainEqual(
        expect.objectContaining({
          type: 'issue.unblocked',
          issue: 'gh-3',
          finishedBlockers: ['ericsnowcurrently:lib:gh-9'],
        }),
      );
    });
    stop();
  });

  it('takes the issue as GitHub holds it now, whatever the payload says (an edit delivered late)', async () => {
    fake.issue(HOME, 5, { title: 'Drop the arenas, second edit' });
    const stale = { ...fake.issue(HOME, 5), title: 'First edit' };
    await deliver('issues', issuesEvent('edited', stale, HOME));
    expect((await issue('gh-5')).title).toBe('Drop the arenas, second edit');
  });

  it("sets the issue's assignee from an assigned event, as GitHub holds it", async () => {
    const assigned = fake.issue(HOME, 5, { assignees: ['colesbury'] });
    await deliver('issues', issuesEvent('assigned', assigned, HOME));
    expect(await issue('gh-5')).toMatchObject({ assignee: 'colesbury', status: 'in_progress' });
  });

  it('refuses a wrong or missing signature with a 401 problem and applies nothing', async () => {
    const changed = fake.issue(HOME, 2, { title: 'Changed on GitHub' });
    const wrong = await deliver('issues', issuesEvent('edited', changed, HOME), { secret: 'not-the-secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toBe(PROBLEM_JSON);
    expect(wrong.json().type).toBe('https://isoplan.dev/problems/webhook-signature');
    const missing = await deliver('issues', issuesEvent('edited', changed, HOME), { signature: null });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().detail).toContain('X-Hub-Signature-256');
    expect((await issue('gh-2')).title).toBe('Move the tuple free list');
    expect(wrong.body + missing.body).not.toContain(SECRET);
  });

  it('takes a delivery GitHub sends form-encoded, its JSON in the payload field and its signature over the form', async () => {
    const changed = fake.issue(HOME, 2, { title: 'Edited, delivered as a form' });
    const form = new URLSearchParams({ payload: JSON.stringify(issuesEvent('edited', changed, HOME)) });
    const response = await deliver(
      'issues',
      {},
      {
        body: form.toString(),
        contentType: 'application/x-www-form-urlencoded',
      },
    );
    expect(response.statusCode).toBe(202);
    expect((await issue('gh-2')).title).toBe('Edited, delivered as a form');
  });

  it('refuses a signed delivery it cannot read with a 400 problem saying why, and takes nothing', async () => {
    const changed = fake.issue(HOME, 2, { title: 'Changed on GitHub' });
    const cases: Array<[string, string, string]> = [
      ['{"action": "edited", "issue": ', 'application/json', 'not JSON'],
      ['[]', 'application/json', 'not a JSON object'],
      ['{"action": "edited"}', 'application/json', 'neither `issue` nor `repository` object'],
      ['hook_id=1', 'application/x-www-form-urlencoded', 'no `payload` field'],
    ];
    for (const [body, contentType, why] of cases) {
      const response = await deliver('issues', {}, { id: 'an-unreadable-delivery', body, contentType });
      expect(response.statusCode, body).toBe(400);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.json()).toMatchObject({
        type: 'https://isoplan.dev/problems/malformed-body',
        detail: expect.stringContaining(why),
      });
    }
    expect((await issue('gh-2')).title).toBe('Move the tuple free list');
    // Nothing was recorded: the same delivery, readable, is taken.
    const fixed = await deliver('issues', issuesEvent('edited', changed, HOME), {
      id: 'an-unreadable-delivery',
    });
    expect(fixed.statusCode).toBe(202);
    expect((await issue('gh-2')).title).toBe('Changed on GitHub');
  });

  it('refuses a signed delivery with an empty body with a 400 problem saying so, and a wrongly signed one with a 401', async () => {
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
      const response = await deliver('issues', {}, { body: '', contentType });
      expect(response.statusCode, contentType).toBe(400);
      expect(response.json(), contentType).toMatchObject({
        type: 'https://isoplan.dev/problems/malformed-body',
        detail: expect.stringContaining('body is empty'),
      });
    }
    // Without a content type (no body at all): the same.
    const bare = await t.app.inject({
      method: 'POST',
      url: '/v1/github/webhook',
      headers: {
        'x-github-event': 'issues',
        'x-github-delivery': `delivery-${++counter}`,
        'x-hub-signature-256': signatureOf('', SECRET),
      },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().detail).toContain('body is empty');
    const wrong = await deliver('issues', {}, { body: '', secret: 'not-the-secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toContain('does not match');
  });

  it('refuses a signed delivery whose objects lack what isoplan reads with a 400 problem naming the field, and takes nothing', async () => {
    const five = fake.issue(HOME, 5);
    const repository = { full_name: HOME };
    const transferred = issuesEvent('transferred', five, HOME) as unknown as Record<string, unknown>;
    const cases: Array<[string, object, string]> = [
      ['issues', { action: 'edited', issue: {}, repository }, 'issue.id'],
      ['issues', { action: 'edited', issue: { ...five, id: 'five' }, repository }, 'issue.id'],
      ['issues', { ...transferred, changes: undefined }, 'changes'],
      [
        'sub_issues',
        { action: 'sub_issue_added', sub_issue: {}, parent_issue: five, repository },
        'sub_issue.id',
      ],
      [
        'issue_dependencies',
        { action: 'blocked_by_added', blocked_issue: { id: 1 }, repository },
        'blocked_issue.number',
      ],
      ['label', { action: 'deleted', label: {}, repository }, 'label.name'],
      ['pull_request', { action: 'opened', pull_request: {}, repository }, 'pull_request.base'],
      [
        'pull_request',
        {
          action: 'opened',
          pull_request: { body: null, base: { ref: 'main' }, head: { sha: 'a'.repeat(40) } },
          repository,
        },
        'repository.default_branch',
      ],
    ];
    for (const [event, payload, field] of cases) {
      const response = await deliver(event, payload, { id: 'a-delivery-of-the-wrong-shape' });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.json()).toMatchObject({
        type: 'https://isoplan.dev/problems/malformed-body',
        detail: expect.stringContaining(field),
      });
    }
    // Nothing was recorded: the same delivery, readable, is taken.
    fake.issue(HOME, 5, { title: 'Changed on GitHub' });
    const fixed = await deliver('issues', issuesEvent('edited', fake.issue(HOME, 5), HOME), {
      id: 'a-delivery-of-the-wrong-shape',
    });
    expect(fixed.statusCode).toBe(202);
    expect((await issue('gh-5')).title).toBe('Changed on GitHub');
  });

  it('takes a delivery once: a repeated X-GitHub-Delivery is acknowledged and ignored', async () => {
    const changed = fake.issue(HOME, 4, { title: 'Isolate the obmalloc state' });
    const payload = issuesEvent('edited', changed, HOME);
    const first = await deliver('issues', payload, { id: 'the-same-delivery' });
    const reads = fake.received('GET', `/repos/${HOME}/issues/4`).length;
    const again = await deliver('issues', payload, { id: 'the-same-delivery' });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'repeated' });
    expect(fake.received('GET', `/repos/${HOME}/issues/4`)).toHaveLength(reads);
  });

  it('acknowledges and ignores an event about an issue no project is linked to', async () => {
    const before = await t.stores.projects.get(project);
    const elsewhere = fake.issue('octo/unrelated', 1, { title: 'Not ours' });
    const response = await deliver('issues', issuesEvent('edited', elsewhere, 'octo/unrelated'));
    expect(response.statusCode).toBe(202);
    expect((await t.stores.projects.get(project)).revision).toBe(before.revision);
    expect(fake.received('GET', '/repos/octo/unrelated/issues/1')).toHaveLength(0);
  });

  it('acknowledges an event it does not use (ping) without taking it', async () => {
    const response = await deliver('ping', { zen: 'Keep it logically awesome.', hook_id: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'ignored' });
  });

  it('brings a new sub-issue in with the sub-issues and blockers under it', async () => {
    const parent = fake.issue(HOME, 3);
    const child = fake.issue(HOME, 7, { title: 'Per-interpreter arenas' });
    fake.issue(HOME, 8, { title: 'Arena accounting' });
    fake.setParent([HOME, 7], [HOME, 3]);
    fake.setParent([HOME, 8], [HOME, 7]);
    fake.setBlockedBy([HOME, 8], [[HOME, 2]]);
    await deliver('sub_issues', subIssuesEvent('sub_issue_added', child, parent, HOME));
    expect(await issue('gh-7')).toMatchObject({ parent: 'gh-3', title: 'Per-interpreter arenas' });
    expect(await issue('gh-8')).toMatchObject({ parent: 'gh-7' });
    expect(await t.stores.dependencies.list(project)).toContainEqual({ issue: 'gh-8', blockedBy: 'gh-2' });
  });

  it('lets a sub-issue removed from the tree leave the project, with what is under it', async () => {
    const parent = fake.issue(HOME, 3);
    const child = fake.issue(HOME, 4);
    fake.setParent([HOME, 4], null);
    await deliver('sub_issues', subIssuesEvent('sub_issue_removed', child, parent, HOME));
    const keys = (await t.stores.issues.listAll(project)).map((i) => i.key);
    expect(keys).not.toContain('gh-4');
    expect(keys).not.toContain('gh-5');
    expect(keys).toContain('gh-3');
  });

  it('converges when a dependency event names an issue the project does not know yet: it fetches it', async () => {
    const blocked = fake.issue(HOME, 5);
    const blocker = fake.issue('octo/other', 7, { title: 'A blocker elsewhere' });
    fake.setBlockedBy(
      [HOME, 5],
      [
        [HOME, 4],
        ['octo/other', 7],
      ],
    );
    await deliver('issue_dependencies', issueDependenciesEvent('blocked_by_added', blocked, blocker, HOME));
    expect(await issue('octo:other:gh-7')).toMatchObject({ title: 'A blocker elsewhere', parent: null });
    expect(await t.stores.dependencies.list(project)).toContainEqual({
      issue: 'gh-5',
      blockedBy: 'octo:other:gh-7',
    });
  });

  it('removes an edge GitHub no longer holds, whichever order the deliveries came in', async () => {
    const blocked = fake.issue(HOME, 5);
    const blocker = fake.issue(HOME, 4);
    fake.setBlockedBy([HOME, 5], []);
    // The removal arrives first, then a stale addition: both read GitHub's list as it is now.
    await deliver('issue_dependencies', issueDependenciesEvent('blocked_by_removed', blocked, blocker, HOME));
    await deliver('issue_dependencies', issueDependenciesEvent('blocked_by_added', blocked, blocker, HOME));
    expect(await t.stores.dependencies.list(project)).not.toContainEqual({
      issue: 'gh-5',
      blockedBy: 'gh-4',
    });
  });

  it('keeps the project, claims and checks included, when its meta issue itself is deleted on GitHub', async () => {
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'fixture' });
    const keys = (await t.stores.issues.listAll(project)).map((i) => i.key);
    const meta = fake.issue(HOME, META);
    fake.deleteIssue(HOME, META);
    expect((await deliver('issues', issuesEvent('deleted', meta, HOME))).statusCode).toBe(202);
    expect((await t.stores.issues.listAll(project)).map((i) => i.key)).toEqual(keys);
    expect((await issue('gh-5')).claims).toEqual(claims);
  });

  it('keeps the project when its meta issue is deleted after its repository was renamed, the delivery naming the new name', async () => {
    const { claims, keys, renamed } = await givenHomeRenamed();
    const meta = fake.issue(renamed, META);
    fake.deleteIssue(renamed, META);
    expect((await deliver('issues', issuesEvent('deleted', meta, renamed))).statusCode).toBe(202);
    expect((await t.stores.issues.listAll(project)).map((i) => i.key)).toEqual(keys);
    expect((await issue('gh-5')).claims).toEqual(claims);
  });

  it('follows its meta issue transferred to another repository: relinked, keyed from there, nothing lost', async () => {
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-5', { claims }, { actor: 'fixture' });
    await t.stores.issues.create(project, { key: 'own', title: 'Added by hand' }, { actor: 'fixture' });
    await t.stores.dependencies.add(project, { issue: 'own', blockedBy: 'gh-5' }, { actor: 'fixture' });
    const meta = fake.issue(HOME, META);
    const moved = fake.transferIssue([HOME, META], ['python/meta', 7]);
    await deliver(
      'issues',
      issuesEvent('transferred', meta, HOME, { newIssue: moved, newRepository: 'python/meta' }),
    );
    expect(await t.stores.githubLinks.get(project)).toMatchObject({ repository: 'python/meta', issue: 7 });
    expect(await issue('gh-7')).toMatchObject({ title: 'One GIL per interpreter', parent: null });
    expect((await issue('python:cpython:gh-5')).claims).toEqual(claims);
    expect(await t.stores.dependencies.list(project)).toContainEqual({
      issue: 'own',
      blockedBy: 'python:cpython:gh-5',
    });
    const audit = (await t.stores.audit.list(project, { limit: 100 })).items;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'github.link', actor: 'github' }));
    // Later deliveries about the issues left behind still reach the project.
    const edited = fake.issue(HOME, 2, { title: 'Edited after the move' });
    await deliver('issues', issuesEvent('edited', edited, HOME));
    expect((await issue('python:cpython:gh-2')).title).toBe('Edited after the move');
  });

  it('follows the repository of its meta issue renamed on GitHub when a delivery names the new name: keys kept, nothing lost', async () => {
    const { claims, keys, renamed } = await givenHomeRenamed();
    // GitHub's deliveries name the repository by its new name; the project has had no sync since.
    const edited = fake.issue(renamed, 5, { title: 'Edited after the rename' });
    await deliver('issues', issuesEvent('edited', edited, renamed));
    expect(await issue('gh-5')).toMatchObject({ title: 'Edited after the rename', claims });
    const meta = fake.issue(renamed, META, { title: 'One GIL per interpreter, renamed home' });
    await deliver('issues', issuesEvent('edited', meta, renamed));
    expect(await issue('gh-1')).toMatchObject({ title: 'One GIL per interpreter, renamed home' });
    expect((await t.stores.issues.listAll(project)).map((i) => i.key)).toEqual(keys);
    expect(await t.stores.githubLinks.get(project)).toMatchObject({ repository: renamed, issue: META });
    // And the project still follows GitHub's deliveries.
    const closed = fake.issue(renamed, 4, { state: 'closed' });
    await deliver('issues', issuesEvent('closed', closed, renamed));
    expect((await issue('gh-4')).status).toBe('done');
  });

  it('follows its meta issue moved to another repository when a delivery naming its old address comes after the move', async () => {
    const claims = [{ component: 'freelist.tuple', placement: 'per-interpreter' as const }];
    await t.stores.issues.update(project, 'gh-1', { claims }, { actor: 'fixture' });
    // Its `transferred` delivery was missed; an edit made before the move is delivered after it.
    const before = fake.issue(HOME, META);
    fake.transferIssue([HOME, META], ['python/meta', 7]);
    fake.issue('python/meta', 7, { title: 'One GIL per interpreter, moved' });
    await deliver('issues', issuesEvent('edited', before, HOME));
    expect(await t.stores.githubLinks.get(project)).toMatchObject({ repository: 'python/meta', issue: 7 });
    expect(await issue('gh-7')).toMatchObject({
      title: 'One GIL per interpreter, moved',
      parent: null,
      claims,
    });
    expect((await t.stores.issues.listAll(project)).map((i) => i.key)).toContain('python:cpython:gh-5');
  });

  it('leaves the project as it is for a delivery about its moved meta issue under the new id GitHub gave it, until a sync follows it', async () => {
    const keys = (await t.stores.issues.listAll(project)).map((i) => i.key);
    fake.transferIssue([HOME, META], ['python/meta', 7]);
    const edited = fake.issue('python/meta', 7, { title: 'One GIL per interpreter, moved' });
    expect(edited.id).not.toBe(fake.issue(HOME, 2).id);
    await deliver('issues', issuesEvent('edited', edited, 'python/meta'));
    // No project holds that id: nothing is lost, nothing is linked elsewhere on a guess.
    expect(await t.stores.githubLinks.get(project)).toMatchObject({ repository: HOME, issue: META });
    expect((await t.stores.issues.listAll(project)).map((i) => i.key)).toEqual(keys);
    const synced = await t.app.services.githubSync.sync(project);
    expect(synced).toMatchObject({ link: { repository: 'python/meta', issue: 7 }, added: [], removed: [] });
    expect(synced.renamed).toContainEqual({ from: 'gh-1', to: 'gh-7' });
  });

  it('reads GitHub once per delivery however many projects hold its issues (a sub-issue moved, a blocker added)', async () => {
    const twin = `${project}-twin`;
    await t.app.services.githubSync.sync(twin, { link: { repository: HOME, issue: META, document: null } });
    const before = fake.requests.length;
    fake.issue(HOME, 10, { title: 'A new sub-issue' });
    fake.setParent([HOME, 10], [HOME, 1]);
    await deliver(
      'sub_issues',
      subIssuesEvent('sub_issue_added', fake.issue(HOME, 10), fake.issue(HOME, 1), HOME),
    );
    fake.setBlockedBy(
      [HOME, 5],
      [
        [HOME, 4],
        [HOME, 10],
      ],
    );
    await deliver(
      'issue_dependencies',
      issueDependenciesEvent('blocked_by_added', fake.issue(HOME, 5), fake.issue(HOME, 10), HOME),
    );
    for (const p of [project, twin]) {
      expect((await t.stores.issues.get(p, 'gh-10')).parent).toBe('gh-1');
      expect(await t.stores.dependencies.list(p)).toContainEqual({ issue: 'gh-5', blockedBy: 'gh-10' });
    }
    const reads = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(reads.sort()).toEqual(
      [
        `GET /repos/${HOME}/issues/10/parent`,
        `GET /repos/${HOME}/issues/10`,
        `GET /repos/${HOME}/issues/10/sub_issues`,
        `GET /repos/${HOME}/issues/10/dependencies/blocked_by`,
        `GET /repos/${HOME}/issues/5/dependencies/blocked_by`,
      ].sort(),
    );
  });

  it('reads only the issue for each delivery about an issue of another repository, not the meta issue again', async () => {
    const before = fake.requests.length;
    for (let n = 0; n < 5; n++) {
      const edited = fake.issue(ELSEWHERE, 9, { title: `Thread-safe refcounts, edit ${n}` });
      await deliver('issues', issuesEvent('edited', edited, ELSEWHERE));
    }
    expect(await issue('ericsnowcurrently:lib:gh-9')).toMatchObject({
      title: 'Thread-safe refcounts, edit 4',
    });
    const reads = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(reads).toEqual(Array.from({ length: 5 }, () => `GET /repos/${ELSEWHERE}/issues/9`));
  });

  it('lets a deleted issue leave the project, with its edges', async () => {
    const gone = fake.issue(HOME, 5);
    fake.deleteIssue(HOME, 5);
    await deliver('issues', issuesEvent('deleted', gone, HOME));
    expect((await t.stores.issues.listAll(project)).map((i) => i.key)).not.toContain('gh-5');
    expect(await t.stores.dependencies.list(project)).not.toContainEqual({
      issue: 'gh-5',
      blockedBy: 'gh-4',
    });
  });

  it('follows a label renamed on GitHub on the issues that carried it, and what the label means', async () => {
    // GitHub sends no issues event for a rename: each issue of the label reads as renamed on GitHub.
    fake.issue(HOME, 2, { labels: ['estimate: 4d'] });
    const before = fake.requests.length;
    await deliver('label', labelEvent('edited', HOME, { name: 'estimate: 4d', from: 'estimate: 2d' }));
    expect(await issue('gh-2')).toMatchObject({ labels: ['estimate: 4d'], estimateDays: 4 });
    // Only the issue that carried the label is read again (once, however many linked projects hold it).
    expect(new Set(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set([`GET /repos/${HOME}/issues/2`]),
    );
  });

  it('takes a deleted label off the issues that carried it, and leaves a label of another repository', async () => {
    fake.issue(HOME, 4, { labels: ['in progress'], assignees: [] });
    fake.issue(ELSEWHERE, 9, { labels: ['in progress'] });
    await deliver('issues', issuesEvent('edited', fake.issue(HOME, 4), HOME));
    await deliver('issues', issuesEvent('edited', fake.issue(ELSEWHERE, 9), ELSEWHERE));
    expect(await issue('gh-4')).toMatchObject({ status: 'in_progress' });
    fake.issue(HOME, 4, { labels: [] });
    await deliver('label', labelEvent('deleted', HOME, { name: 'in progress' }));
    expect(await issue('gh-4')).toMatchObject({ labels: [], status: 'open' });
    expect(await issue('ericsnowcurrently:lib:gh-9')).toMatchObject({ labels: ['in progress'] });
  });

  it('reads nothing for a label edited in its colour or description only', async () => {
    const reads = fake.requests.length;
    await deliver('label', labelEvent('edited', HOME, { name: 'estimate: 2d' }));
    expect(fake.requests).toHaveLength(reads);
  });

  it('moves a transferred issue to its new key, keeping its claims', async () => {
    await t.stores.issues.update(
      project,
      'gh-5',
      { claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }] },
      { actor: 'alice' },
    );
    const old = fake.issue(HOME, 5);
    const moved = fake.transferIssue([HOME, 5], ['python/arenas', 1]);
    await deliver(
      'issues',
      issuesEvent('transferred', old, HOME, { newIssue: moved, newRepository: 'python/arenas' }),
    );
    const keys = (await t.stores.issues.listAll(project)).map((i) => i.key);
    expect(keys).toContain('python:arenas:gh-1');
    expect(keys).not.toContain('gh-5');
    expect((await issue('python:arenas:gh-1')).claims).toHaveLength(1);
    // One issue renamed under the new id GitHub gave it, its history kept: not one deleted and one created.
    const audit = (await t.stores.audit.list(project, { limit: 5 })).items.map((e) => e.action);
    expect(audit).toContain('issue.rename');
    expect(audit).not.toContain('issue.delete');
  });
});

describe('a GitHub that stops answering', () => {
  it('gives up a delivery whose reads get no answer, instead of holding the queue, and takes its redelivery', async () => {
    const slow = await createTestApp(
      {},
      {
        github: testGithubClient(fake, { kind: 'token', token: TOKEN }, { timeoutMs: 200 }),
        webhookVerifier: createWebhookVerifier(SECRET),
      },
    );
    try {
      await slow.app.services.githubSync.sync('stalled', {
        link: { repository: HOME, issue: META, document: null },
      });
      const changed = fake.issue(HOME, 2, { title: 'Edited while GitHub was down' });
      const payload = issuesEvent('edited', changed, HOME);
      // Neither the read of the issue nor its three retries get an answer: the delivery fails, forgotten.
      fake.fail('no-answer', 'no-answer', 'no-answer', 'no-answer');
      expect((await deliver('issues', payload, { id: 'while-down', to: slow })).statusCode).toBe(202);
      expect((await slow.stores.issues.get('stalled', 'gh-2')).title).toBe('Move the tuple free list');
      const redelivered = await deliver('issues', payload, { id: 'while-down', to: slow });
      expect(redelivered.json()).toMatchObject({ outcome: 'accepted' });
      expect((await slow.stores.issues.get('stalled', 'gh-2')).title).toBe('Edited while GitHub was down');
    } finally {
      await slow.close();
    }
  });
});

describe('a service stopped before it handled a delivery', () => {
  it('calls a redelivery repeated while the delivery still waits its turn', async () => {
    const body = JSON.stringify(issuesEvent('edited', fake.issue(HOME, 2), HOME));
    const receive = () =>
      t.app.services.githubWebhooks.receive({
        id: 'waiting-its-turn',
        name: 'issues',
        signature: signatureOf(body, SECRET),
        body,
        contentType: 'application/json',
        origin: null,
      });
    const [first, second] = await Promise.all([receive(), receive()]);
    expect([first.outcome, second.outcome].sort()).toEqual(['accepted', 'repeated']);
    t.app.services.githubWebhooks.schedule((first.delivery ?? second.delivery)!);
    await t.app.services.githubWebhooks.idle();
    expect((await receive()).outcome).toBe('repeated');
  });

  it("takes GitHub's redelivery of it once started again, instead of calling it repeated", async () => {
    const changed = fake.issue(HOME, 2, { title: 'Edited just before a restart' });
    const body = JSON.stringify(issuesEvent('edited', changed, HOME));
    // The delivery is taken (answered 202), and the process stops before its turn comes.
    const taken = await t.app.services.githubWebhooks.receive({
      id: 'cut-short',
      name: 'issues',
      signature: signatureOf(body, SECRET),
      body,
      contentType: 'application/json',
      origin: null,
    });
    expect(taken.outcome).toBe('accepted');
    const database = await openDatabase({ url: t.url, migrate: false });
    const app = await buildApp(
      { apiToken: undefined, rateLimit: 0 },
      {
        database,
        github: testGithubClient(fake, { kind: 'token', token: TOKEN }),
        webhookVerifier: createWebhookVerifier(SECRET),
      },
    );
    try {
      const restarted = { ...t, app, database, stores: database.stores };
      const redelivered = await deliver('issues', {}, { id: 'cut-short', body, to: restarted });
      expect(redelivered.json()).toMatchObject({ outcome: 'accepted' });
      expect((await issue('gh-2')).title).toBe('Edited just before a restart');
      // Handled now: a further redelivery is a repeat.
      const again = await deliver('issues', {}, { id: 'cut-short', body, to: restarted });
      expect(again.json()).toMatchObject({ outcome: 'repeated' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('a delivery whose sender hung up before the answer', () => {
  it('is handled all the same, instead of being kept waiting and its redeliveries called repeated', async () => {
    // The answer comes after GitHub stopped waiting for it (10 s): the signature is checked once the
    // connection is gone, so that the 202 goes nowhere.
    let reached!: () => void;
    const verifying = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let hangUp!: () => void;
    const hungUp = new Promise<void>((resolve) => {
      hangUp = resolve;
    });
    const verifier = createWebhookVerifier(SECRET);
    const late = await createTestApp(
      {},
      {
        github: testGithubClient(fake, { kind: 'token', token: TOKEN }),
        webhookVerifier: {
          async verify(payload, signature) {
            reached();
            await hungUp;
            return verifier.verify(payload, signature);
          },
        },
      },
    );
    try {
      await late.app.services.githubSync.sync('hung-up', {
        link: { repository: HOME, issue: META, document: null },
      });
      const changed = fake.issue(HOME, 2, { title: 'Edited, its sender gone' });
      const body = JSON.stringify(issuesEvent('edited', changed, HOME));
      const port = await listenOnLoopback(late.app);
      late.app.server.once('connection', (socket) => socket.once('close', hangUp));
      const sender = new AbortController();
      const sent = fetch(`http://127.0.0.1:${port}/v1/github/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': 'hung-up',
          'x-hub-signature-256': signatureOf(body, SECRET),
        },
        body,
        signal: sender.signal,
      }).catch(() => null);
      await verifying;
      sender.abort();
      expect(await sent).toBeNull();
      await vi.waitFor(
        async () => {
          await late.app.services.githubWebhooks.idle();
          expect((await late.stores.issues.get('hung-up', 'gh-2')).title).toBe('Edited, its sender gone');
        },
        { timeout: 5000, interval: 50 },
      );
    } finally {
      await late.close();
    }
  });
});

describe('the webhook secret', () => {
  it('refuses every delivery when no secret is configured', async () => {
    const bare = await createTestApp({}, { github: testGithubClient(fake, { kind: 'token', token: TOKEN }) });
    try {
      const body = JSON.stringify(issuesEvent('edited', fake.issue(HOME, 2), HOME));
      const response = await bare.app.inject({
        method: 'POST',
        url: '/v1/github/webhook',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': 'no-secret',
          'x-hub-signature-256': signatureOf(body, SECRET),
        },
        payload: body,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toContain('ISOPLAN_GITHUB_WEBHOOK_SECRET');
    } finally {
      await bare.close();
    }
  });

  it('says in the log, of a delivery whose GitHub reads failed, that GitHub will not send it again and what to do', async () => {
    const { app, temp, logged } = await appLogging('info');
    try {
      await app.services.githubSync.sync('failed', {
        link: { repository: HOME, issue: META, document: null },
      });
      fake.fail(503, 503, 503, 503);
      const body = JSON.stringify(issuesEvent('edited', fake.issue(HOME, 2, { title: 'Lost?' }), HOME));
      await postIssuesDelivery(app, body, 'failed-on-github', signatureOf(body, SECRET));
      await app.services.githubWebhooks.idle();
      const failed = logged()
        .split('\n')
        .find((line) => line.includes('failed-on-github') && line.includes('"level":50'));
      expect(failed).toContain('GitHub does not send it again by itself');
      expect(failed).toContain('POST /v1/projects/PROJECT/github/sync');
    } finally {
      await app.close();
      await temp.cleanup();
    }
  });

  it('never reaches the log, nor does the GitHub token, even at trace level', async () => {
    const { app, temp, logged } = await appLogging('trace');
    try {
      await app.services.githubSync.sync('logged', {
        link: { repository: HOME, issue: META, document: null },
      });
      const body = JSON.stringify(issuesEvent('closed', fake.issue(HOME, 5, { state: 'closed' }), HOME));
      for (const signature of [signatureOf(body, SECRET), signatureOf(body, 'wrong')]) {
        await postIssuesDelivery(app, body, `logged-${signature.slice(7, 15)}`, signature);
      }
      await app.services.githubWebhooks.idle();
      expect(logged()).toContain('GitHub delivery handled');
      expect(logged()).not.toContain(SECRET);
      expect(logged()).not.toContain(TOKEN);
    } finally {
      await app.close();
      await temp.cleanup();
    }
  });
});

describe('POST /v1/github/webhook on a closed service', () => {
  let closed: TestApp;
  beforeAll(async () => {
    closed = await createTestApp(
      { apiToken: API_TOKEN, publicRead: false, rateLimit: 1 },
      {
        github: testGithubClient(fake, { kind: 'token', token: TOKEN }),
        webhookVerifier: createWebhookVerifier(SECRET),
      },
    );
  });
  afterAll(() => closed.close());

  it('takes signed deliveries without a token, past the rate limit, as actor github whatever X-Actor says', async () => {
    await closed.app.services.githubSync.sync(project, {
      link: { repository: HOME, issue: META, document: null },
    });
    const answers: number[] = [];
    for (const number of [4, 5, 6]) {
      const changed = fake.issue(HOME, number, { title: `Renamed ${number}` });
      const response = await deliver('issues', issuesEvent('edited', changed, HOME), {
        to: closed,
        headers: { 'x-actor': 'mallory' },
      });
      answers.push(response.statusCode);
    }
    expect(answers).toEqual([202, 202, 202]);
    const events = (await closed.stores.audit.list(project, { limit: 3 })).items;
    expect(events.map((e) => e.target)).toEqual(['gh-6', 'gh-5', 'gh-4']);
    for (const event of events) expect(event).toMatchObject({ actor: 'github', onBehalfOf: null });
  });
});

describe('POST /v1/github/webhook from a sender without the secret', () => {
  it("spends its address's rate budget on each refused signature, until it is answered 429, and still takes signed deliveries", async () => {
    const limited = await createTestApp(
      { rateLimit: 15 },
      {
        github: testGithubClient(fake, { kind: 'token', token: TOKEN }),
        webhookVerifier: createWebhookVerifier(SECRET),
      },
    );
    try {
      const ping = { zen: 'Keep it logically awesome.', hook_id: 1 };
      const first = await deliver('ping', ping, { to: limited, secret: 'not-the-secret' });
      const second = await deliver('ping', ping, { to: limited, secret: 'not-the-secret' });
      expect([first.statusCode, second.statusCode]).toEqual([401, 429]);
      expect(second.headers['content-type']).toBe(PROBLEM_JSON);
      expect(second.json().type).toBe('https://isoplan.dev/problems/rate-limited');
      expect((await deliver('ping', ping, { to: limited })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
