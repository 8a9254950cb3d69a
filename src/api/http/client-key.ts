// Who a request counts against: one home for the rule, used by the rate limits (rate-limit.ts), the
// simulator's per-client shares (sim, validations, CI checks), the event-stream caps (events.ts) and,
// before any request is read, the connection caps (connection-limits.ts). A request with a token counts
// against its token, wherever it comes from; without one, against its address: what the socket reports,
// or behind a trusted proxy (ISOPLAN_TRUSTED_PROXIES, trusted-proxies.ts) the client it forwards; IPv4-mapped
// IPv6 written as IPv4, and an IPv6 client by its /64 (@fastify/rate-limit's normalizeIP), which one host
// usually holds whole. The connection caps see only sockets: the proxy's own address.
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/** The client a connection comes from: `127.0.0.1`, `2001:db8::`; `unknown` once the socket is gone. */
export function clientAddress(socket: { remoteAddress?: string | undefined }): string {
  const address = socket.remoteAddress;
  return address === undefined ? 'unknown' : normalizeIP(address);
}

/** The unit of a request's budget and shares: `token:<id>` with a token, else `address:<client address>` (request.ip). */
export function clientKey(request: FastifyRequest): string {
  const token = request.access?.token;
  return token ? `token:${token.id}` : `address:${clientAddress({ remoteAddress: request.ip })}`;
}
