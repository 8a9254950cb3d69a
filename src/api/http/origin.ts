// The service's origin as a request reached it (`https://isoplan.example.org`): absolute links for
// GitHub (a check run's details_url), built from the Host the client used (X-Forwarded-Host and
// -Proto only when the server trusts its proxy: Fastify's trustProxy).
import type { FastifyRequest } from 'fastify';

export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
