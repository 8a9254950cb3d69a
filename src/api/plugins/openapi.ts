// The OpenAPI 3.1 document, generated from the routes' zod schemas, served at
// /openapi.json, and the API reference page at /docs (Swagger UI, whose assets
// are served from node_modules: no CDN).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../schemas/problem.js';
import { isRead } from './auth.js';

export const API_VERSION = '1.0.0';

async function openapi(app: FastifyInstance, options: { secured: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'isoplan',
        version: API_VERSION,
        description:
          'Plans the sub-issues of a meta issue (projects, issues, dependencies) and validates them ' +
          'against a per-interpreter runtime simulator. Errors are RFC 9457 application/problem+json.',
      },
      components: options.secured
        ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }
        : undefined,
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  if (options.secured) {
    // Writes need the bearer token: say so on each write operation.
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.some((m) => !isRead(m, route.config)) && route.schema) {
        (route.schema as { security?: unknown }).security = [{ bearer: [] }];
      }
    });
  }

  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['meta'],
        summary: 'This API as an OpenAPI 3.1 document',
        response: { 200: z.looseObject({ openapi: z.string() }), ...problemResponses() },
      },
    },
    async () => app.swagger() as unknown as { openapi: string },
  );
}

export default fp(openapi, { name: 'isoplan-openapi', fastify: '5.x' });
