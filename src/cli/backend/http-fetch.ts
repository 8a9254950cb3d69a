// The CLI's fetch: one request over Node's own http/https, answered once its whole body has arrived. Node's
// global fetch (undici) gives up on an answer whose headers take more than 300 s, and on a body that pauses
// as long, while the service may rightly take longer (a validation waiting for a worker on PostgreSQL:
// src/store/job-wait.ts); undici's Agent that would lift it is no dependency of ours. Here the only limit is
// the request's signal, which the caller sets (src/cli/backend/api-client.ts). Reading the body before
// answering also makes a connection lost in the middle of an answer an error of this call, which the
// caller reports as such, rather than a JSON parse error later.
//
// Deliberately no more than the CLI needs: no redirects followed (a service behind a proxy that redirects
// is told, with where to, by the caller: following it would send the bearer token to another address),
// no compression asked for, no cookies.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';

/**
 * The connection closed after it was made and before the whole answer had arrived (the service stopped or
 * restarted, a proxy cut it): no answer, or part of one (`status`). What was asked may have been done.
 */
export class ConnectionLostError extends Error {
  override readonly name = 'ConnectionLostError';
  constructor(
    readonly status: number | undefined,
    readonly code: string | undefined,
  ) {
    super(
      status === undefined
        ? `the connection closed before it answered${code === undefined ? '' : ` (${code})`}`
        : `the connection closed in the middle of its answer (${status}), before all of it had arrived`,
    );
  }
}

/**
 * An answer with a status HTTP does not define (600 to 999, which Node reads): no HTTP service's answer, and
 * one a Response cannot hold.
 */
export class UndefinedStatusError extends Error {
  override readonly name = 'UndefinedStatusError';
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly contentType: string | null,
  ) {
    super(`the answer's status ${status} is none HTTP defines`);
  }
}

/** Statuses whose answer has no body, which a Response refuses one for. */
const NO_BODY = new Set([101, 204, 205, 304]);

function responseOf(message: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) headers.append(name, one);
  }
  const status = message.statusCode ?? 0;
  if (status < 200 || status > 599) {
    throw new UndefinedStatusError(status, message.statusMessage ?? '', headers.get('content-type'));
  }
  return new Response(NO_BODY.has(status) ? null : body, {
    status,
    statusText: message.statusMessage ?? '',
    headers,
  });
}

export async function httpFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const outgoing = send(url, { method: request.method, headers, signal: request.signal }, (message) => {
      const chunks: Buffer[] = [];
      message.on('data', (chunk: Buffer) => chunks.push(chunk));
      message.on('end', () => {
        try {
          resolve(responseOf(message, Buffer.concat(chunks)));
        } catch (error) {
          reject(error);
        }
      });
      // The signal's abort ends the answer too: its reason, not a cut connection, is what happened.
      message.on('error', (error) =>
        reject(request.signal.aborted ? error : new ConnectionLostError(message.statusCode, undefined)),
      );
      message.on('close', () => {
        if (!message.complete && !request.signal.aborted)
          reject(new ConnectionLostError(message.statusCode, undefined));
      });
    });
    // Connected (a new connection, or one kept alive): a failure now is a lost connection, not an
    // unreachable service, and the request may have reached it.
    let connected = false;
    outgoing.on('socket', (socket) => {
      // Over TLS, connected once the handshake is done: a certificate refused is no lost connection.
      if (socket.connecting)
        socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => (connected = true));
      else connected = true;
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      reject(connected && !request.signal.aborted ? new ConnectionLostError(undefined, error.code) : error),
    );
    outgoing.end(body);
  });
}
