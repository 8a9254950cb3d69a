// POST /v1/sim/run under abuse: anonymous maximal runs from many clients cannot starve an authenticated
// CI check, a client past its share gets a 429 and a full queue a 503, both problems with Retry-After.
// Each client is a loopback source address of its own (127.0.0.2, 127.0.0.3, ...).
import { type ClientRequest, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { createSimWorkerPool } from '../../../src/services/sim-worker-pool.js';
import { loadDemoIfEmpty } from '../../../src/store/demo.js';
import { churnDocument } from '../../runtime-sim/helpers.js';
import { until } from '../../until.js';
import { createTestApp, listenOnLoopback, PROBLEM_JSON, type TestApp } from '../test-app.js';

const TOKEN = 'admission-test-token-0123456789';

/** 5 x 280k costs 11.9M units (estimateCost), just under the 12M maximum. */
const churn = churnDocument;
const MAXIMAL = churn(280_000, 5);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POSTs `body` as JSON from `localAddress`; `sent` receives the request so that the test can abandon it. */
function post(
  port: number,
  path: string,
  body: unknown,
  {
    localAddress = '127.0.0.1',
    token,
    sent,
  }: { localAddress?: string; token?: string; sent?: ClientRequest[] } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    sent?.push(req);
    req.end(payload);
  });
}

function expectRetryableProblem(answer: Answer, status: number, type: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe(PROBLEM_JSON);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(answer.body)).toMatchObject({ type: PROBLEM_BASE + type, status });
}

describe('simulator admission over HTTP', () => {
  let t: TestApp | undefined;
  const sent: ClientRequest[] = [];
  afterEach(async () => {
    // Abandoned runs end with their connections: the app's close does not wait for them.
    for (const req of sent.splice(0)) req.destroy();
    await t?.close();
    t = undefined;
  });

  /** The app with the demo, a two-worker pool (one kept for validations) and a token for writes. */
  async function start(): Promise<{ t: TestApp; port: number }> {
    const pool = createSimWorkerPool({ size: 2 });
    t = await createTestApp({ apiToken: TOKEN }, { simPool: pool });
    await loadDemoIfEmpty(t.stores);
    await pool.warm();
    return { t, port: await listenOnLoopback(t.app) };
  }

  it('serves an authenticated CI check before the maximal runs 30 clients flooded the simulator with', async () => {
    const { t, port } = await start();
    const ciCheck = async (done: string) => {
      const answer = await post(
        port,
        '/v1/projects/per-interpreter-gil/checks',
        { done: [done], sha: 'c0ffee0' },
        { token: TOKEN },
      );
      expect(answer.status, answer.body).toBe(201);
    };
    await ciCheck('freelist-tuple'); // stores the project's own run, which later checks reuse

    // Each flood answer as it comes: a refusal at once, or a run that was taken and has finished.
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) {
      post(port, '/v1/sim/run', MAXIMAL, { localAddress: `127.0.0.${i + 2}`, sent }).then(
        (answer) => answers.push(answer),
        () => undefined, // abandoned at the end of the test
      );
    }
    // Every run of the flood accounted for: running, queued, or answered. Waiting for all 30 (not only
    // for the first queued one) keeps a request still on its way under load from being counted as neither.
    await until(() => {
      const { adhoc } = t.app.services.simAdmission.snapshot();
      return adhoc.running === 1 && adhoc.queued > 0 && adhoc.running + adhoc.queued + answers.length === 30;
    });
    // Whatever was not taken was refused at once, with a problem saying when to come back.
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectRetryableProblem(answer, 503, 'simulator-busy');

    await ciCheck('freelist-dict');
    // The check did not wait for the runs queued before it: some of them are still waiting.
    expect(t.app.services.simAdmission.snapshot().adhoc.queued).toBeGreaterThan(0);
  }, 90_000); // room for a loaded machine: the check's own simulation shares two cores with the flood

  it("answers a client's run past its share with a 429 problem, while other clients still get in", async () => {
    const { t, port } = await start();
    const large = churn(250_000, 1);
    const mine = [
      post(port, '/v1/sim/run', large, { localAddress: '127.0.1.1', sent }),
      post(port, '/v1/sim/run', large, { localAddress: '127.0.1.1', sent }),
    ];
    await until(() => {
      const { adhoc } = t.app.services.simAdmission.snapshot();
      return adhoc.running + adhoc.queued === 2;
    });
    const third = await post(port, '/v1/sim/run', large, { localAddress: '127.0.1.1', sent });
    expectRetryableProblem(third, 429, 'simulator-share-exceeded');
    expect(JSON.parse(third.body).detail).toMatch(/already has 2 simulator runs running or queued/);

    const small = await post(port, '/v1/sim/run', churn(1000, 1), { localAddress: '127.0.1.2' });
    expect(small.status).toBe(200); // a few milliseconds: runs at once, whatever waits
    for (const answer of await Promise.all(mine)) expect(answer.status).toBe(200);
  });
});
