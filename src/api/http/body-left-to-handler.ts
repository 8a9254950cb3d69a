// A route's validator compiler for a body its handler checks itself: the import parses the project
// document once (shape, then content, every problem listed), the GitHub webhook keeps the signed text
// until its signature holds. The other parts (path, query, headers) are validated by their zod schemas
// as on every route; the body's schema stays for the OpenAPI document.
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';

export function bodyLeftToHandler<T>(route: FastifyRouteSchemaDef<T>): ReturnType<FastifySchemaCompiler<T>> {
  if (route.httpPart === 'body') return (data) => ({ value: data });
  // Fastify hands the part's own schema, typed as the route's whole.
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}
