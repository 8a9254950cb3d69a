// A closed-loop HTTP load generator on loopback, in a child process of its own (so that the server being
// measured keeps its event loop and its memory to itself): `connections` keep-alive connections, each
// sending its next GET as soon as the previous answer has been read, for `seconds`. Answers the requests
// completed per second and the bytes read. Each GET says \`Accept-Encoding: gzip\`, as browsers, fetch and
// \`curl --compressed\` do (the bytes read are the bytes sent). Used by the plan-api benchmark.
import { spawn } from 'node:child_process';

export interface LoadResult {
  requestsPerSecond: number;
  /** Mean body size in bytes, as sent (gzip-encoded where the server encoded it). */
  bodyBytes: number;
  errors: number;
}

const CLIENT = `
const http = require('node:http');
const [url, connections, seconds] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
let done = 0, bytes = 0, errors = 0, stop = false;
const start = performance.now();
function next() {
  if (stop) return Promise.resolve();
  return new Promise((resolve) => {
    http.get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => { if (res.statusCode === 200) done++; else errors++; resolve(); });
    }).on('error', () => { errors++; resolve(); });
  }).then(next);
}
setTimeout(() => { stop = true; }, seconds * 1000);
Promise.all(Array.from({ length: connections }, next)).then(() => {
  const elapsed = (performance.now() - start) / 1000;
  process.stdout.write(JSON.stringify({ requestsPerSecond: done / elapsed, bodyBytes: done ? bytes / done : 0, errors }));
  agent.destroy();
});
`;

export function generateLoad(url: string, connections: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, url, String(connections), String(seconds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}
