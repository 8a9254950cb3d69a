// A large what-if plan is written as its client reads: clients that ask for one and never read cost the
// server a chunk each, not a whole plan each (what-ifs are computed per request, so there is nothing
// to share), and a client that reads gets the same plan as the document's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../../../bench/import.js';
import { stalledClients } from '../stalled-clients.js';
import { createTestApp, listenOnLoopback, type TestApp } from '../test-app.js';

const CLIENTS = 40;
const MIB = 1024 * 1024;
const WHAT_IF = JSON.stringify({ done: ['issue-1'] });
const WHAT_IF_REQUEST =
  'POST /v1/projects/large/plan/what-if HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${Buffer.byteLength(WHAT_IF)}\r\n\r\n${WHAT_IF}`;

let t: TestApp;
let port: number;
let planBytes: number;
beforeAll(async () => {
  t = await createTestApp();
  port = await listenOnLoopback(t.app);
  // 10,000 issues: a plan of about 3 MB of JSON.
  const document = generateDocument(10_000, 20_000);
  await t.stores.documents.import(
    'large',
    { ...document, project: { ...document.project, slug: 'large' } },
    { actor: 'fixture' },
  );
  const first = await fetch(`http://127.0.0.1:${port}/v1/projects/large/plan/what-if`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: WHAT_IF,
  });
  planBytes = (await first.arrayBuffer()).byteLength;
}, 120_000);
afterAll(() => t.close());

describe('POST /v1/projects/:project/plan/what-if under slow clients', () => {
  it(`costs under 100 MiB for ${CLIENTS} clients that never read a 3 MB what-if plan`, async () => {
    expect(planBytes).toBeGreaterThan(2_500_000);
    const { statuses, grownMiB } = await stalledClients(port, WHAT_IF_REQUEST, CLIENTS);
    expect(new Set(statuses)).toEqual(new Set(['HTTP/1.1 200']));
    console.log(
      `${CLIENTS} never-reading clients of a ${(planBytes / MIB).toFixed(1)} MiB what-if plan: +${grownMiB.toFixed(1)} MiB RSS at the peak`,
    );
    expect(grownMiB).toBeLessThan(100);
  }, 120_000);

  it('gives a client that reads the whole what-if plan, every issue in it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/projects/large/plan/what-if',
      payload: { done: ['issue-1'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const plan = res.json();
    expect(plan.progress.project.total).toBe(10_000);
    expect(plan.order).toHaveLength(10_000);
  });
});
