// Who a request counts against for per-client shares and caps (simulator admission, event streams,
// connections): one home for the rule. A client is its address (IPv4-mapped IPv6 written as IPv4), as
// the socket reports it (no proxy headers are trusted). When the API has tokens with scopes (issue 12),
// an authenticated request counts against its token instead: change `clientKey` here, and only here.
import type { FastifyRequest } from 'fastify';

/** The address a connection comes from: `127.0.0.1`, `::1`; `unknown` once the socket is gone. */
export function clientAddress(socket: { remoteAddress?: string | undefined }): string {
  const address = socket.remoteAddress;
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/** The unit of a request's per-client share: `address:<ip>`. */
export function clientKey(request: FastifyRequest): string {
  return `address:${clientAddress(request.raw.socket)}`;
}
