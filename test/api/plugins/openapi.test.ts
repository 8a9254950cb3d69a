import Ajv2020 from 'ajv/dist/2020.js';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { isoplanApp } from '../../../src/api/app.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/api/http/content-security-policy.js';
import { parseProjectDocument } from '../../../src/domain/project-document.js';
import { parseScenario } from '../../../src/runtime-sim/index.js';
import { createTempDatabase, type TempDatabase } from '../../store/temp-database.js';

let app: FastifyInstance;
let temp: TempDatabase;
/** Every route the app registers, seen through an onRoute hook added before the app. */
const routes: Array<{ method: string; url: string; hidden: boolean; schema: RouteSchema | undefined }> = [];
type RouteSchema = FastifySchema & { params?: ZodType; querystring?: ZodType; body?: ZodType };

beforeAll(async () => {
  temp = await createTempDatabase();
  app = Fastify();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const schema = route.schema as (RouteSchema & { hide?: boolean }) | undefined;
      routes.push({ method, url: route.url, hidden: schema?.hide === true, schema });
    }
  });
  await app.register(isoplanApp, { config: { apiToken: undefined }, deps: { database: temp.db } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await temp.cleanup();
});

type Parameter = { in: string; name: string; required?: boolean; example?: unknown };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  responses?: Record<string, unknown>;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { example?: unknown }> };
  security?: Array<Record<string, string[]>>;
  'x-isoplan-scope'?: string;
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
};

async function openapi(): Promise<Document> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Fastify's `/a/:b` as OpenAPI's `/a/{b}`. */
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document', async () => {
    const doc = await openapi();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'isoplan', version: expect.any(String) });
  });

  it('lists every API route with responses for each status', async () => {
    const doc = await openapi();
    const expected = [
      ['get', '/healthz'],
      ['get', '/readyz'],
      ['get', '/openapi.json'],
      ['get', '/v1/projects'],
      ['post', '/v1/projects'],
      ['get', '/v1/projects/:project'],
      ['patch', '/v1/projects/:project'],
      ['delete', '/v1/projects/:project'],
      ['get', '/v1/projects/:project/issues'],
      ['post', '/v1/projects/:project/issues'],
      ['get', '/v1/projects/:project/issues/:key'],
      ['patch', '/v1/projects/:project/issues/:key'],
      ['delete', '/v1/projects/:project/issues/:key'],
      ['put', '/v1/projects/:project/issues/:key/blocked-by/:blocker'],
      ['delete', '/v1/projects/:project/issues/:key/blocked-by/:blocker'],
      ['get', '/v1/projects/:project/dependencies'],
      ['get', '/v1/projects/:project/export'],
      ['post', '/v1/projects/:project/import'],
      ['get', '/v1/projects/:project/history'],
      ['get', '/v1/projects/:project/plan'],
      ['post', '/v1/projects/:project/plan/what-if'],
      ['get', '/v1/projects/:project/ready'],
      ['get', '/v1/projects/:project/issues/:key/blockers'],
      ['get', '/v1/projects/:project/forecast'],
      ['post', '/v1/projects/:project/forecast/what-if'],
      ['get', '/v1/projects/:project/next'],
    ] as const;
    for (const [method, url] of expected) {
      const operation = doc.paths[toOpenApiPath(url)]?.[method];
      expect(operation, `${method} ${url}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {}), `${method} ${url}`).toContain('500');
    }
  });

  it('documents the problem responses and the path parameters', async () => {
    const doc = await openapi();
    const patch = doc.paths['/v1/projects/{project}/issues/{key}']?.patch;
    expect(Object.keys(patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '412']));
    expect(patch?.responses?.['412']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(JSON.stringify(patch?.parameters)).toContain('"key"');
  });

  it('has component schemas that are valid JSON Schema 2020-12', async () => {
    const doc = await openapi();
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Project', 'Issue', 'ProjectDocument']),
    );
    const ajv = new Ajv2020.default({ strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(schemas)) {
      ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    }
    for (const name of Object.keys(schemas)) {
      expect(() => ajv.getSchema(`#/components/schemas/${name}`), name).not.toThrow();
    }
  });

  it('only references schemas that exist', async () => {
    const doc = await openapi();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components?.schemas, ref).toHaveProperty(ref as string);
  });

  it('covers every route the app serves, apart from the docs pages and HEAD twins', async () => {
    const doc = await openapi();
    const served = routes.filter((r) => !r.hidden && r.method !== 'HEAD' && !r.url.startsWith('/docs'));
    expect(served.length).toBeGreaterThanOrEqual(19);
    for (const route of served) {
      const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it('requires a request body exactly where the route refuses to go without one', async () => {
    // An empty body is no body (api/plugins/json-body.ts): POST …/github/sync without one syncs the link
    // as stored, and a generated client must be able to leave it out.
    const doc = await openapi();
    const withBody = routes.filter((r) => !r.hidden && r.schema?.body !== undefined);
    expect(withBody.length).toBeGreaterThan(10);
    for (const route of withBody) {
      const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      const optional = route.schema?.body?.safeParse(undefined).success === true;
      expect(operation?.requestBody?.required, `${route.method} ${route.url}`).toBe(!optional);
    }
    // Held to known answers too, not only to the rule above: the sync's body is optional, a new issue's not.
    expect(doc.paths['/v1/projects/{project}/github/sync']?.post?.requestBody?.required).toBe(false);
    expect(doc.paths['/v1/projects/{project}/issues']?.post?.requestBody?.required).toBe(true);
  });
});

describe('access in the document', () => {
  it('declares the bearer scheme', async () => {
    const doc = await openapi();
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('names the scope of every operation, with its security requirement and access problems', async () => {
    const doc = await openapi();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const scope = operation['x-isoplan-scope'];
        const name = `${method} ${path}`;
        expect(['public', 'github-webhook', 'read', 'write', 'admin'], name).toContain(scope);
        // A GET is a read, but the token list, which only an admin sees.
        if (method === 'get' && path !== '/v1/tokens') expect(['public', 'read'], name).toContain(scope);
        if (scope === 'public' || scope === 'github-webhook') expect(operation.security, name).toEqual([]);
        // Reads stay open to anonymous callers while public read is on (the default here).
        if (scope === 'read') expect(operation.security, name).toEqual([{}, { bearer: ['read'] }]);
        if (scope === 'write' || scope === 'admin') {
          expect(operation.security, name).toEqual([{ bearer: [scope] }]);
          expect(Object.keys(operation.responses ?? {}), name).toEqual(
            expect.arrayContaining(['401', '403']),
          );
        }
      }
    }
  });

  it('declares the 404 that a token limited to another project gets, on every operation under a project', async () => {
    const doc = await openapi();
    const underProject = Object.entries(doc.paths).filter(([path]) => path.includes('{project}'));
    expect(underProject.length).toBeGreaterThan(20);
    for (const [path, methods] of underProject) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).toContain('404');
      }
    }
  });

  it("declares the 400 that text holding NUL gets, on every operation of the API's own scopes", async () => {
    // Refused in any part of the request (api/plugins/storable-text.ts), a query parameter the operation does
    // not name included: GET /v1/sim/catalog?x=%00 is a 400 too.
    const doc = await openapi();
    const guarded = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => ['read', 'write', 'admin'].includes(operation['x-isoplan-scope'] ?? ''))
        .map(([method, operation]) => [`${method} ${path}`, operation] as const),
    );
    expect(guarded.length).toBeGreaterThan(30);
    for (const [name, operation] of guarded)
      expect(Object.keys(operation.responses ?? {}), name).toContain('400');
  });

  it('declares on every operation the 503 any request may get: shutting down, over the connection cap, no database', async () => {
    // api/plugins/shutdown.ts and connection-limits.ts answer it before any route runs, /healthz included;
    // a route that reads the database answers 503 database-unavailable while PostgreSQL cannot be reached.
    const doc = await openapi();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).toContain('503');
      }
    }
  });

  it('declares 413 and 415 on every operation whose method carries a body, those that take none included', async () => {
    // Fastify parses a body sent to any POST, PUT, PATCH or DELETE route: PUT …/blocked-by/… sent 2 MiB is a
    // 413 payload-too-large, and sent application/xml a 415 unsupported-media-type, as POST …/issues is.
    const doc = await openapi();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).toEqual(
          expect.arrayContaining(['413', '415']),
        );
      }
    }
    const edge = '/v1/projects/:project/issues/:key/blocked-by/:blocker';
    const url = '/v1/projects/p/issues/a/blocked-by/b';
    const tooLarge = await app.inject({
      method: 'PUT',
      url,
      payload: `"${'a'.repeat(2 ** 21)}"`,
      headers: { 'content-type': 'application/json' },
    });
    expect(tooLarge.statusCode, edge).toBe(413);
    const xml = await app.inject({
      method: 'PUT',
      url,
      payload: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode, edge).toBe(415);
  });

  it('declares the 507 of a full disk on every operation that writes, and on no read', async () => {
    // store/storage-full.ts: a write that fills the disk is rolled back and answered 507 storage-full.
    const doc = await openapi();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const writes = ['write', 'admin'].includes(operation['x-isoplan-scope'] ?? '');
        expect(Object.keys(operation.responses ?? {}).includes('507'), `${method} ${path}`).toBe(writes);
      }
    }
    expect(Object.keys(doc.paths['/v1/projects/{project}/import']?.post?.responses ?? {})).toContain('507');
    expect(Object.keys(doc.paths['/v1/projects/{project}/plan']?.get?.responses ?? {})).not.toContain('507');
  });

  it('declares 422 forecast-beyond-calendar only where a forecast past 9999-12-31 is refused, not where it is answered', async () => {
    // GET …/next ranks such a project and a forecast badge draws it (routes/forecast.test.ts, badges.test.ts).
    const doc = await openapi();
    const statuses = (method: string, path: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses ?? {});
    expect(statuses('get', '/v1/projects/{project}/forecast')).toContain('422');
    expect(statuses('post', '/v1/projects/{project}/forecast/what-if')).toContain('422');
    expect(statuses('get', '/v1/projects/{project}/next')).not.toContain('422');
    expect(statuses('get', '/v1/projects/{project}/badges/{badge}.svg')).not.toContain('422');
  });

  it('gives the scopes the issue tracker promises: projects and tokens admin, content write, what-if read', async () => {
    const doc = await openapi();
    const scopeOf = (method: string, path: string) => doc.paths[path]?.[method]?.['x-isoplan-scope'];
    expect(scopeOf('post', '/v1/projects')).toBe('admin');
    expect(scopeOf('delete', '/v1/projects/{project}')).toBe('admin');
    expect(scopeOf('post', '/v1/tokens')).toBe('admin');
    expect(scopeOf('post', '/v1/projects/{project}/issues')).toBe('write');
    expect(scopeOf('post', '/v1/projects/{project}/import')).toBe('write');
    expect(scopeOf('post', '/v1/projects/{project}/validations')).toBe('write');
    expect(scopeOf('post', '/v1/projects/{project}/checks')).toBe('write');
    expect(scopeOf('post', '/v1/projects/{project}/plan/what-if')).toBe('read');
    expect(scopeOf('post', '/v1/sim/run')).toBe('read');
    expect(scopeOf('get', '/healthz')).toBe('public');
  });

  it("gives main's metrics, badges and GitHub routes theirs: the webhook no bearer scheme, GitHub's signature", async () => {
    const doc = await openapi();
    const operation = (method: string, path: string) => doc.paths[path]?.[method];
    expect(operation('get', '/metrics')?.['x-isoplan-scope']).toBe('read');
    expect(operation('get', '/metrics')).toMatchObject({ 'x-isoplan-every-project': true });
    expect(operation('get', '/v1/projects/{project}/badges/{badge}.svg')?.['x-isoplan-scope']).toBe('read');
    expect(operation('get', '/v1/projects/{project}/github')?.['x-isoplan-scope']).toBe('read');
    expect(operation('put', '/v1/projects/{project}/github')?.['x-isoplan-scope']).toBe('admin');
    expect(operation('delete', '/v1/projects/{project}/github')?.['x-isoplan-scope']).toBe('admin');
    expect(operation('post', '/v1/projects/{project}/github/sync')?.['x-isoplan-scope']).toBe('write');
    const webhook = operation('post', '/v1/github/webhook');
    expect(webhook?.['x-isoplan-scope']).toBe('github-webhook');
    expect(webhook?.security).toEqual([]);
    // Its 401 is the signature's; its 429 only for a sender whose signatures keep failing.
    expect(Object.keys(webhook?.responses ?? {})).toEqual(expect.arrayContaining(['401', '429']));
  });
});

describe('the API reference', () => {
  const documented = () =>
    routes.filter((r) => !r.hidden && r.method !== 'HEAD' && !r.url.startsWith('/docs'));

  it('gives every operation a unique operationId, a summary and a description', async () => {
    const doc = await openapi();
    const ids = new Set<string>();
    for (const route of documented()) {
      const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      expect(operation?.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(operation!.operationId!), `${where}: operationId ${operation!.operationId} twice`).toBe(
        false,
      );
      ids.add(operation!.operationId!);
      expect(operation?.summary?.length, `${where}: summary`).toBeGreaterThan(10);
      expect(operation?.description?.length, `${where}: description`).toBeGreaterThan(30);
    }
    expect(ids.size).toBe(documented().length);
  });

  it('pre-fills every path parameter, and every example is valid against the route’s own schema', async () => {
    const doc = await openapi();
    for (const route of documented()) {
      const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      const params: Record<string, unknown> = {};
      for (const p of (operation?.parameters ?? []).filter((p) => p.in === 'path')) {
        expect(p.example, `${where}: example of ${p.name}`).toBeDefined();
        params[p.name] = p.example;
      }
      if (route.schema?.params) {
        expect(route.schema.params.safeParse(params).error, `${where}: params`).toBeUndefined();
      }
      const query = Object.fromEntries(
        (operation?.parameters ?? [])
          .filter((p) => p.in === 'query' && p.example !== undefined)
          .map((p) => [p.name, p.example]),
      );
      if (route.schema?.querystring) {
        expect(route.schema.querystring.safeParse(query).error, `${where}: query`).toBeUndefined();
      }
    }
  });

  it('gives every operation that takes a body an example the route accepts', async () => {
    const doc = await openapi();
    const withBody = documented().filter((r) => r.schema?.body !== undefined);
    expect(withBody.length).toBeGreaterThanOrEqual(10);
    for (const route of withBody) {
      const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      const example = operation?.requestBody?.content['application/json']?.example;
      expect(example, `${where}: body example`).toBeDefined();
      expect(route.schema!.body!.safeParse(example).error, `${where}: body`).toBeUndefined();
    }
    // The two bodies checked beyond their schema by the handler: the scenario and the project document.
    const body = (url: string) => doc.paths[url]?.post?.requestBody?.content['application/json']?.example;
    expect(parseScenario(body('/v1/sim/run'))).toMatchObject({ ok: true });
    expect(() => parseProjectDocument(body('/v1/projects/{project}/import'))).not.toThrow();
  });
});

describe('the examples in the document', () => {
  it("are each valid against the document's own schema for them, read as a client reads the document", async () => {
    // The tests above hold the examples to the routes' zod schemas; a generated client or Swagger UI reads
    // the JSON Schema the document holds, which must take them too.
    const doc = (await openapi()) as unknown as {
      paths: Record<string, Record<string, OperationWithSchemas>>;
      components: { schemas: Record<string, object> };
    };
    const ajv = new Ajv2020.default({ strict: false, validateFormats: false, allErrors: true });
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      ajv.addSchema(schema, `#/components/schemas/${name}`);
    }
    const examples: Array<{ where: string; schema: object; example: unknown }> = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method} ${path}`;
        for (const p of operation.parameters ?? []) {
          if (p.example !== undefined)
            examples.push({ where: `${where} ${p.in} ${p.name}`, ...withSchema(p) });
        }
        for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
          if (media.example !== undefined)
            examples.push({ where: `${where} body ${type}`, ...withSchema(media) });
        }
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (media.example !== undefined)
              examples.push({ where: `${where} ${status} ${type}`, ...withSchema(media) });
          }
        }
      }
    }
    // Every path parameter and body has one (tested above): dozens, not a handful.
    expect(examples.length).toBeGreaterThan(60);
    for (const { where, schema, example } of examples) {
      const validate = ajv.compile(schema);
      expect(validate(example) ? [] : validate.errors, where).toEqual([]);
    }
  });
});

type Media = { schema?: object; example?: unknown };
type OperationWithSchemas = {
  parameters?: Array<Media & { in: string; name: string }>;
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
};

function withSchema(media: Media): { schema: object; example: unknown } {
  expect(media.schema).toBeDefined();
  return { schema: media.schema as object, example: media.example };
}

describe('/docs', () => {
  it('answers an HTML page', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    const page =
      res.statusCode === 302 ? await app.inject({ method: 'GET', url: res.headers.location as string }) : res;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('loads the same OpenAPI document the page renders', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(await openapi());
  });

  it('serves every asset it references itself, from no CDN', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const refs = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      expect(ref, ref).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(ref, 'http://isoplan.test/docs/').pathname;
      const asset = await app.inject({ method: 'GET', url });
      expect(asset.statusCode, url).toBe(200);
    }
  });
});
