// Two service processes on one PostgreSQL database behind a load balancer, and GitHub's redelivery of one
// delivery reaching both at once: exactly one replica handles it (the delivery's id is claimed atomically
// as its handling starts), the other leaves it and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGithub } from '../integrations/github/fake-github.js';
import { givenMetaIssue, HOME, META } from '../integrations/github/meta-issue.js';
import { issuesEvent, signatureOf } from '../integrations/github/webhook-payloads.js';
import { createEmptyDatabase } from '../store/temp-database.js';
import { until } from '../until.js';
import { type IsoplanProcess, json, startIsoplan } from './processes.js';

const SECRET = 'the-webhook-secret-of-the-replica-tests';
let fake: FakeGithub;
let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let a: IsoplanProcess;
let b: IsoplanProcess;

beforeAll(async () => {
  fake = await FakeGithub.start();
  givenMetaIssue(fake);
  database = await createEmptyDatabase();
  const env = { GITHUB_API_URL: fake.url, ISOPLAN_GITHUB_WEBHOOK_SECRET: SECRET };
  // One after the other: the first applies the migrations.
  a = await startIsoplan('serve', database.url, env);
  b = await startIsoplan('serve', database.url, env);
  const created = await json(`${a.url}/v1/projects`, {
    method: 'POST',
    body: JSON.stringify({ slug: 'hooked', name: 'Hooked' }),
  });
  expect(created.status).toBe(201);
  const synced = await json(`${a.url}/v1/projects/hooked/github/sync`, {
    method: 'POST',
    body: JSON.stringify({ repository: HOME, issue: META }),
  });
  expect(synced.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  await fake?.close();
});

function deliverTo(replica: IsoplanProcess, id: string, body: string): Promise<Response> {
  return fetch(`${replica.url}/v1/github/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': id,
      'x-hub-signature-256': signatureOf(body, SECRET),
    },
    body,
  });
}

/** The log lines of both replicas about delivery `id`, by message. */
function linesAbout(id: string): string[] {
  return [a, b]
    .flatMap((replica) => replica.log().split('\n'))
    .filter((line) => line.includes(`"delivery":"${id}"`))
    .map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe('two replicas receiving the same GitHub delivery at once', () => {
  it('handle it exactly once: the other leaves it to the replica that claimed it', async () => {
    const read = () => fake.received('GET', `/repos/${HOME}/issues/2`).length;
    for (let round = 1; round <= 6; round++) {
      const id = `redelivered-${round}`;
      const body = JSON.stringify(
        issuesEvent('edited', fake.issue(HOME, 2, { title: `Edit ${round}` }), HOME),
      );
      const readBefore = read();
      const answers = await Promise.all([a, b].map((replica) => deliverTo(replica, id, body)));
      const outcomes = await Promise.all(
        answers.map(async (r) => ((await r.json()) as { outcome: string }).outcome),
      );
      expect(outcomes.every((o) => o === 'accepted' || o === 'repeated')).toBe(true);
      // Each replica that accepted it logs what it did with it: handled, or left to the other.
      const accepted = outcomes.filter((o) => o === 'accepted').length;
      await until(() => linesAbout(id).length >= accepted);
      const lines = linesAbout(id);
      expect(lines.filter((msg) => msg === 'GitHub delivery handled')).toHaveLength(1);
      // The issue was read from GitHub by one handling only.
      expect(read() - readBefore).toBe(1);
      expect((await json(`${b.url}/v1/projects/hooked/issues/gh-2`)).body.title).toBe(`Edit ${round}`);
    }
  }, 120_000);
});
