// The plan-api benchmark's requests one after another, each sent when the previous answer has been read,
// by fetch (which takes gzip and decodes it, as a browser does) in a child process of its own: a client is
// never in the server's process, where any work the server does between two requests would fall in the
// client's time instead of the next request's, and the client's own work (decoding gzip) in the server's.
// Answers each request's duration in milliseconds, by kind.
import { runChildScript } from './child-script.js';

export interface SequenceSamples {
  health: number[];
  cached: number[];
  afterEdge: number[];
  afterStatus: number[];
  edgeWrites: number[];
  statusWrites: number[];
}

const CLIENT = `
const [base, issues, requests] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
async function timed(url, init) {
  const start = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error((init?.method ?? 'GET') + ' ' + url + ': ' + res.status);
  return performance.now() - start;
}
(async () => {
  const plan = base + '/v1/projects/bench/plan';
  for (let i = 0; i < 20; i++) await timed(plan); // warm-up: JIT, first compute
  const s = { health: [], cached: [], afterEdge: [], afterStatus: [], edgeWrites: [], statusWrites: [] };
  for (let i = 0; i < requests; i++) {
    s.health.push(await timed(base + '/healthz'));
    s.cached.push(await timed(plan));
  }
  // Writes that change the plan, each followed by GET …/plan: one edge added or removed, one status set.
  for (let i = 0; i < requests / 4; i++) {
    // issue-(i+n/2) blocked by issue-i: every generated edge points to a lower number, so no cycle.
    const edge = base + '/v1/projects/bench/issues/issue-' + (i + Math.floor(issues / 2)) + '/blocked-by/issue-' + i;
    s.edgeWrites.push(await timed(edge, { method: 'PUT' }));
    s.afterEdge.push(await timed(plan));
    s.edgeWrites.push(await timed(edge, { method: 'DELETE' }));
    s.afterEdge.push(await timed(plan));
    const status = i % 5 === 0 ? 'open' : 'done'; // every fifth generated issue is done
    s.statusWrites.push(
      await timed(base + '/v1/projects/bench/issues/issue-' + i, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      }),
    );
    s.afterStatus.push(await timed(plan));
  }
  process.stdout.write(JSON.stringify(s));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** The sequence against the server at `base` (project `bench` of `issues` generated issues). */
export function requestSequence(base: string, issues: number, requests: number): Promise<SequenceSamples> {
  return runChildScript(CLIENT, [base, String(issues), String(requests)], 'request sequence');
}
