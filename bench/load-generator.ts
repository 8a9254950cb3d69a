// A closed-loop HTTP load generator on loopback, in a child process of its own (so that the server being
// measured keeps its event loop and its memory to itself): `connections` keep-alive connections, each
// sending its next GET as soon as the previous answer has been read, for `seconds`. Answers the requests
// completed per second and the bytes read. Each GET says `Accept-Encoding: gzip`, as browsers, fetch and
// `curl --compressed` do (the bytes read are the bytes sent). Used by the plan-api benchmark.
//
// HTTP/1.1 over raw sockets, reading each answer's head and skipping its body by Content-Length or by its
// chunks, as load generators do (autocannon, wrk), so that the generator is not what is measured: with
// node:http's client it spent 100-150 us of CPU per answer, two to four times the server's bare route,
// which it held to 5-8k req/s against 20k with this one (same run, 2 shared cores). Bodies are not decoded.
import { runChildScript } from './child-script.js';

export interface LoadResult {
  requestsPerSecond: number;
  /** Mean body size in bytes, as sent (gzip-encoded where the server encoded it). */
  bodyBytes: number;
  /** Requests answered 200. */
  requests: number;
  /** Answers other than 200, and connections that failed or were closed by the server. */
  errors: number;
  /** Requests still unanswered `graceSeconds` after the run: their connections were closed. */
  stuck: number;
  /** The generator's own CPU time (user + system) per completed request, in microseconds. */
  clientCpuUs: number;
}

const CLIENT = `
const net = require('node:net');
const [url, connections, seconds, graceSeconds] = [new URL(process.argv[1]), Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4])];
const request = Buffer.from(
  'GET ' + url.pathname + url.search + ' HTTP/1.1\\r\\nHost: ' + url.host + '\\r\\nAccept-Encoding: gzip\\r\\n\\r\\n',
  'latin1',
);
let done = 0, bytes = 0, errors = 0, stuck = 0, stop = false;
const sockets = new Set();
const start = performance.now();
function connection() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    sockets.add(socket);
    socket.setNoDelay(true);
    // head: the status line and headers; body: 'remaining' bytes of a body or a chunk; size: a chunk's size
    // line; crlf: the end of a chunk; trailer: the lines after the last chunk, up to an empty one.
    let buffer = Buffer.alloc(0), state = 'head', remaining = 0, chunked = false, status = 0, body = 0;
    const send = () => (stop ? socket.end() : socket.write(request));
    const answered = () => {
      if (status === 200) { done++; bytes += body; } else errors++;
      state = 'head';
      body = 0;
      send();
    };
    socket.on('connect', send);
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      if (stop) return resolve();
      errors++;
      resolve(connection());
    });
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (state === 'head') {
          const end = buffer.indexOf('\\r\\n\\r\\n');
          if (end === -1) return;
          const head = buffer.toString('latin1', 0, end);
          buffer = buffer.subarray(end + 4);
          status = Number(head.slice(9, 12));
          chunked = /\\r\\ntransfer-encoding: *chunked/i.test(head);
          remaining = chunked ? 0 : Number(/\\r\\ncontent-length: *(\\d+)/i.exec(head)?.[1] ?? 0);
          if (chunked) state = 'size';
          else if (remaining > 0) state = 'body';
          else answered();
        } else if (state === 'body') {
          const taken = Math.min(remaining, buffer.length);
          remaining -= taken;
          body += taken;
          buffer = buffer.subarray(taken);
          if (remaining > 0) return;
          if (chunked) state = 'crlf';
          else answered();
        } else if (state === 'size') {
          const end = buffer.indexOf('\\r\\n');
          if (end === -1) return;
          remaining = Number.parseInt(buffer.toString('latin1', 0, end), 16);
          buffer = buffer.subarray(end + 2);
          state = remaining > 0 ? 'body' : 'trailer';
        } else if (state === 'crlf') {
          if (buffer.length < 2) return;
          buffer = buffer.subarray(2);
          state = 'size';
        } else {
          const end = buffer.indexOf('\\r\\n');
          if (end === -1) return;
          buffer = buffer.subarray(end + 2);
          if (end === 0) answered();
        }
        if (buffer.length === 0) return;
      }
    });
  });
}
setTimeout(() => {
  stop = true;
  // An answer still awaited long after the run (a server stuck on a lock, a lost promise) is counted apart:
  // its connection is closed, so that the run ends and says so instead of waiting for ever.
  setTimeout(() => {
    for (const socket of sockets) { stuck++; socket.destroy(); }
  }, graceSeconds * 1000).unref();
}, seconds * 1000);
Promise.all(Array.from({ length: connections }, connection)).then(() => {
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({
    requestsPerSecond: done / elapsed,
    requests: done,
    bodyBytes: done ? bytes / done : 0,
    errors,
    stuck,
    clientCpuUs: done ? (cpu.user + cpu.system) / done : NaN,
  }));
});
`;

/** `graceSeconds`: how long after the run an answer may still come (a large plan under load is slow). */
export function generateLoad(
  url: string,
  connections: number,
  seconds: number,
  graceSeconds = 10,
): Promise<LoadResult> {
  return runChildScript(
    CLIENT,
    [url, String(connections), String(seconds), String(graceSeconds)],
    'load generator',
  );
}
