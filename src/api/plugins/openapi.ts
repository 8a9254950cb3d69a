// The OpenAPI 3.1 document, generated from the routes' zod schemas, served at /openapi.json, and the API
// reference page at /docs: Swagger UI, its assets served from node_modules (no CDN), under the same strict
// Content-Security-Policy as the dashboard (its base layout: the stock top bar brings an inline style).
// Every route states in its schema an `operationId`, a `summary`, a `description` and, where "Try it out"
// needs values, `examples` for its path parameters, query string and body (src/api/reference-examples.ts
// holds the demo's values); this plugin puts the examples where the document's readers look for them.
// The document declares the bearer scheme and, on each operation, the scope its route declares
// (`x-isoplan-scope`, and the scope as the bearer requirement's role, as OpenAPI 3.1 allows for non-OAuth
// schemes), with the problems the access checks can answer. /docs has an Authorize button: a token given
// there rides on every "Try it out" request (kept by the page only until it is closed).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteScope } from '../../domain/access/access-decision.js';
import { CONTENT_SECURITY_POLICY } from '../http/content-security-policy.js';
import { problemResponses } from '../schemas/problem.js';

export const API_VERSION = '1.0.0';

/** What "Try it out" pre-fills for one operation. */
export interface RouteExamples {
  /** A value per path parameter (else the parameter's schema example, if any). */
  params?: Record<string, string>;
  /** Values for query parameters worth showing. */
  querystring?: Record<string, unknown>;
  /** The request body. */
  body?: unknown;
}

declare module 'fastify' {
  interface FastifySchema {
    /** Examples for the API reference, valid against the route's own schemas (tested). */
    examples?: RouteExamples;
  }
}

type JsonSchemaObject = { properties?: Record<string, Record<string, unknown>>; [key: string]: unknown };
type Transform = typeof jsonSchemaTransform;
type TransformObject = typeof jsonSchemaTransformObject;
type OpenApiDocument = { paths?: Record<string, Record<string, Operation>> };
type Operation = { requestBody?: { required?: boolean; content?: Record<string, { example?: unknown }> } };

/** An example as @fastify/swagger reads it on a schema (`examples: [value]`), which it makes `example`. */
function exampleOn(schema: Record<string, unknown> | undefined, value: unknown): void {
  if (schema !== undefined) schema.examples = [value];
}

/** Fastify's `/a/:b` as OpenAPI's `/a/{b}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

/**
 * jsonSchemaTransform and jsonSchemaTransformObject, with each route's `examples` put where readers look:
 * on its path and query parameters, and on the media type of its request body (@fastify/swagger keeps no
 * keyword beside a body's `$ref`, so body examples are set on the finished document). A body the route's
 * schema lets the client leave out (POST …/github/sync) is not `required`: @fastify/swagger marks every
 * body required, and an empty one is no body (json-body.ts).
 */
export function openApiTransforms(): { transform: Transform; transformObject: TransformObject } {
  const bodies = new Map<string, unknown>();
  const optionalBodies = new Set<string>();
  const transform: Transform = (input) => {
    const { examples, ...schema } = (input.schema ?? {}) as { examples?: RouteExamples; body?: unknown };
    if (schema.body instanceof z.ZodType && schema.body.safeParse(undefined).success) {
      for (const method of [input.route.method].flat()) {
        optionalBodies.add(`${method.toLowerCase()} ${openApiPath(input.url)}`);
      }
    }
    const out = jsonSchemaTransform({ ...input, schema });
    if (examples === undefined) return out;
    const transformed = out.schema as Record<string, JsonSchemaObject | undefined>;
    for (const [name, value] of Object.entries(examples.params ?? {})) {
      exampleOn(transformed.params?.properties?.[name], value);
    }
    for (const [name, value] of Object.entries(examples.querystring ?? {})) {
      exampleOn(transformed.querystring?.properties?.[name], value);
    }
    if (examples.body !== undefined) {
      for (const method of [input.route.method].flat()) {
        bodies.set(`${method.toLowerCase()} ${openApiPath(input.url)}`, examples.body);
      }
    }
    return out;
  };
  const transformObject: TransformObject = (input) => {
    const document = jsonSchemaTransformObject(input) as OpenApiDocument;
    for (const [key, example] of bodies) {
      const [method, path] = key.split(' ') as [string, string];
      const media = document.paths?.[path]?.[method]?.requestBody?.content?.['application/json'];
      if (media !== undefined) media.example = example;
    }
    for (const key of optionalBodies) {
      const [method, path] = key.split(' ') as [string, string];
      const requestBody = document.paths?.[path]?.[method]?.requestBody;
      if (requestBody !== undefined) requestBody.required = false;
    }
    return document as ReturnType<TransformObject>;
  };
  return { transform, transformObject };
}

/** The extension naming an operation's scope in the document. */
export const SCOPE_EXTENSION = 'x-isoplan-scope';
/** The extension marking an operation that shows every project (refused to a project-limited token). */
export const EVERY_PROJECT_EXTENSION = 'x-isoplan-every-project';

/** The security requirement of a route's scope: none, optional (public read) or a token with the scope. */
function securityOf(scope: RouteScope, publicRead: boolean): Array<Record<string, string[]>> {
  if (scope === 'public' || scope === 'github-webhook') return [];
  if (scope === 'read' && publicRead) return [{}, { bearer: ['read'] }];
  return [{ bearer: [scope] }];
}

/**
 * What the access checks (auth.ts, rate-limit.ts) may answer on a route of this scope: under a project
 * (`:project`), a token limited to another project gets the 404 of a missing project, even on a route
 * that would create it (import). The API's own routes also refuse text that cannot be stored as sent in
 * any part of the request (storable-text.ts), even a query parameter the route does not name: a 400 on
 * each of them.
 */
function accessProblems(scope: RouteScope, cost: number, everyProject: boolean, url: string): number[] {
  const limited = cost > 0 ? [429] : [];
  if (scope === 'public' || scope === 'github-webhook') return limited;
  const hidden = url.includes('/:project') ? [404] : [];
  const checked = [400, 401, ...hidden, ...limited];
  return scope === 'read' && !everyProject ? checked : [...checked, 403];
}

/**
 * What any route may answer whatever its own work: 503 while the service shuts down (shutdown.ts) or past
 * the connection caps (connection-limits.ts), both before any route runs, and while the database cannot be
 * reached, is busy or read-only; and, on a route that writes (scope write or admin), 507 when the write
 * fills the disk (store/storage-full.ts).
 */
function availabilityProblems(scope: RouteScope): number[] {
  return scope === 'write' || scope === 'admin' ? [503, 507] : [503];
}

/**
 * What any operation may answer to its query string: 400 for a parameter it does not declare
 * (strict-query.ts), even one that declares none.
 */
const QUERY_PROBLEMS = [400];

/** Methods whose requests Fastify reads a body of, whether or not the route declares one. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the body parser may answer on a route of these methods: 413 past the route's body limit, 415 for a
 * content type it does not parse. A route that takes no body (PUT …/blocked-by/…, DELETE …) parses one
 * it is sent all the same.
 */
function bodyProblems(methods: readonly string[]): number[] {
  return methods.some((method) => BODY_METHODS.has(method)) ? [413, 415] : [];
}

async function openapi(app: FastifyInstance, options: { publicRead: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'isoplan',
        version: API_VERSION,
        description:
          'Plans the sub-issues of a meta issue (projects, issues, dependencies) and validates them ' +
          'against a per-interpreter runtime simulator. Errors are RFC 9457 `application/problem+json` with ' +
          'a stable `type`; invalid input is a 400 listing every failing field of every part of the ' +
          'request at once (path, query, headers, body: `errors[].path` says which). A query parameter an ' +
          'operation does not list is such a 400 (`querystring.trails: unknown parameter: did you mean ' +
          "'trials'?`), never ignored; a one-value parameter given twice is one too. The examples work on the " +
          'demo project `per-interpreter-gil` as `npm start` loads it. ' +
          `Each operation names the token scope it needs in \`${SCOPE_EXTENSION}\`: \`read\`, \`write\` ` +
          "(implies read) or `admin` (implies both); `public` needs none, and `github-webhook` takes GitHub's " +
          `signature instead of a token. \`${EVERY_PROJECT_EXTENSION}\` marks what shows every project, which ` +
          'a token limited to one project may not read. Authorize with a token to try operations a closed ' +
          'service refuses.',
      },
      tags: [
        { name: 'meta', description: 'The service itself: health, readiness, this document' },
        { name: 'projects', description: 'Projects (one meta issue each) and their change events' },
        { name: 'issues', description: "A project's sub-issues" },
        { name: 'dependencies', description: '"Blocked by" edges between issues: always acyclic' },
        { name: 'documents', description: 'A whole project as one JSON document: export and import' },
        { name: 'history', description: 'The audit trail: who changed what, before and after' },
        { name: 'plan', description: 'Order, waves, ready and blocked issues, critical path, progress' },
        {
          name: 'simulator',
          description: 'The per-interpreter runtime simulator: scenarios, catalog, workloads',
        },
        {
          name: 'validation',
          description: 'Claims, checks and the goal; validating a project against the simulator',
        },
        {
          name: 'ci-checks',
          description: 'The CI check of a change, as a GitHub check run and commit status',
        },
        {
          name: 'github',
          description: 'A project kept in sync with a meta issue on GitHub: the link and the sync',
        },
        { name: 'tokens', description: 'API tokens: who may read, write or administer (admin)' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (`isp_…`) or ISOPLAN_API_TOKEN: `Authorization: Bearer <token>`',
          },
        },
      },
    },
    ...openApiTransforms(),
  });

  app.addHook('onRoute', (route) => {
    const scope = route.config?.scope;
    if (scope === undefined || route.schema === undefined) return;
    const schema = route.schema as Record<string, unknown> & { response?: Record<string, unknown> };
    const everyProject = route.config?.everyProject === true;
    schema[SCOPE_EXTENSION] = scope;
    if (everyProject) schema[EVERY_PROJECT_EXTENSION] = true;
    schema.security = securityOf(scope, options.publicRead);
    schema.response = {
      ...problemResponses(
        ...accessProblems(scope, route.config?.cost ?? 1, everyProject, route.url),
        ...QUERY_PROBLEMS,
        ...availabilityProblems(scope),
        ...bodyProblems([route.method].flat()),
      ),
      ...schema.response,
    };
  });

  // The reference pages are public (a reader needs them to find the Authorize button) and, as files, cost
  // no rate budget. The library takes no route config: its routes get it here, where they are registered.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, scope: 'public', cost: 0 };
    });
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: CONTENT_SECURITY_POLICY,
      theme: { title: 'isoplan API reference' },
      uiConfig: {
        layout: 'BaseLayout',
        deepLinking: true,
        docExpansion: 'list',
        defaultModelsExpandDepth: 0,
        displayRequestDuration: true,
        filter: true,
        // A token given to Authorize stays in the page, never in localStorage.
        persistAuthorization: false,
        showExtensions: true,
        tryItOutEnabled: false,
        validatorUrl: null,
      },
    });
  });

  app.get(
    '/openapi.json',
    {
      config: { scope: 'public', cost: 0 },
      schema: {
        tags: ['meta'],
        operationId: 'getOpenApiDocument',
        summary: 'This API as an OpenAPI 3.1 document',
        description:
          'Generated from the zod schemas of the routes: the source of the reference at /docs and of ' +
          'typed clients (`npm run generate:api-types` writes src/contract/openapi.d.ts from it).',
        response: { 200: z.looseObject({ openapi: z.string() }), ...problemResponses() },
      },
    },
    async () => app.swagger() as unknown as { openapi: string },
  );
}

export default fp(openapi, { name: 'isoplan-openapi', fastify: '5.x' });
