// Talking HTTP/1.1 by hand, for what `fetch` cannot send (malformed requests, headers over the limit,
// a body one byte at a time) and for what it hides (the bytes of a parser's answer, a connection left
// open). Every call is bounded by a deadline and closes its socket.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte written to the end of the answer. */
  elapsedMs: number;
}

/** Opens a connection to 127.0.0.1:port (from `localAddress`, e.g. 127.0.0.2, to be another client). */
export function openSocket(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Parses the first response in `text` (Content-Length bodies; the rest of the text otherwise). */
export function parseResponse(text: string, elapsedMs = 0): RawResponse | null {
  const head = text.indexOf('\r\n\r\n');
  if (head < 0) return null;
  const [statusLine, ...lines] = text.slice(0, head).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = Buffer.from(text.slice(head + 4), 'latin1');
  const length = headers['content-length'];
  if (length !== undefined && rest.length < Number(length)) return null;
  const body = (length === undefined ? rest : rest.subarray(0, Number(length))).toString('utf8');
  return { status, headers, body, elapsedMs };
}

/**
 * Writes `chunks` on `socket` (waiting `gapMs` between them, stopping if the socket closes) and reads
 * until one whole response has arrived or the connection ends; rejects after `timeoutMs`.
 */
export function exchange(
  socket: Socket,
  chunks: (string | Buffer)[],
  { gapMs = 0, timeoutMs = 10_000 }: { gapMs?: number; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let text = '';
    let settled = false;
    const settle = (error: Error | null, response?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve(response as RawResponse);
    };
    const onData = (data: Buffer) => {
      text += data.toString('latin1');
      const response = parseResponse(text, performance.now() - started);
      if (response) settle(null, response);
    };
    const onClose = () => {
      const response = parseResponse(text, performance.now() - started);
      settle(
        response ? null : new Error(`connection closed; received ${JSON.stringify(text)}`),
        response ?? undefined,
      );
    };
    const deadline = setTimeout(
      () => settle(new Error(`no whole response in ${timeoutMs} ms; received ${JSON.stringify(text)}`)),
      timeoutMs,
    );
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', () => {}); // a reset after the answer: the answer is what counts
    void (async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (settled || socket.destroyed) return;
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (settled || socket.destroyed) return;
        socket.write(chunk);
      }
    })();
  });
}

/** One request on a new connection, closed afterwards. */
export async function rawRequest(
  port: number,
  chunks: (string | Buffer)[],
  options: { gapMs?: number; timeoutMs?: number; localAddress?: string } = {},
): Promise<RawResponse> {
  const socket = await openSocket(port, options.localAddress);
  try {
    return await exchange(socket, chunks, options);
  } finally {
    socket.destroy();
  }
}
