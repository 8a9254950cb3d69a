// Query parameters an operation does not declare: the one home of what they get. They are refused, a 400
// naming each one (and the declared parameter it is closest to: `querystring.trails: unknown parameter:
// did you mean 'trials'?`), never ignored: a typo (`?trails=100`, `?stauts=open`) would otherwise answer
// the default forecast, or every issue, as if all were well. Every operation of the OpenAPI document is
// held to it, those without a query string too (their schema is made the empty strict object), so a route
// added later cannot escape it; the document says so in its description (openapi.ts: its query parameters
// are listed one by one, with no `additionalProperties` to say it). The routes left out are the hidden
// ones: the dashboard's page reads its own query string in the browser (its view's state), and the
// reference's and dashboard's files are files.
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { closestName } from '../../domain/closest-name.js';

type QuerySchema = z.ZodObject<z.ZodRawShape>;

/** `schema` (a route's query string, or none) with every undeclared parameter refused. */
export function strictQuery(schema: unknown): QuerySchema {
  if (schema === undefined) return z.strictObject({});
  if (!(schema instanceof z.ZodObject)) {
    // Every query string is a zod object (schemas/*.ts): anything else is a route written wrong.
    throw new TypeError('a query string schema must be a zod object');
  }
  return schema.strict();
}

/** The parameters `schema` (a route's query string, as strictQuery made it) declares. */
export function declaredParameters(schema: unknown): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** What a refusal says of the undeclared parameter `name`, given the ones the operation declares. */
export function unknownParameterMessage(name: string, declared: readonly string[]): string {
  // `?=1` or `?&=`: a value without a name (the path reads `querystring.`).
  if (name === '') return 'a parameter without a name: give each value its name (`?name=value`)';
  const meant = closestName(name, declared);
  if (meant !== undefined) return `unknown parameter: did you mean '${meant}'?`;
  if (declared.length === 0) return 'unknown parameter: this operation takes no query parameters';
  return `unknown parameter: this operation takes ${declared.map((d) => `'${d}'`).join(', ')}`;
}

async function strictQueryPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const schema: FastifySchema & { hide?: boolean } = route.schema ?? {};
    if (schema.hide === true) return;
    schema.querystring = strictQuery(schema.querystring);
    route.schema = schema;
  });
}

export default fp(strictQueryPlugin, { name: 'isoplan-strict-query', fastify: '5.x' });
