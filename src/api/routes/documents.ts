// Export and import: the whole project as one document.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WHOLE_DOCUMENT } from '../../domain/project-document.js';
import { etagOf } from '../../store/etag.js';
import { bodyLeftToHandler } from '../http/body-left-to-handler.js';
import { notModified } from '../http/conditional.js';
import { sendSharedJson } from '../http/json-bytes.js';
import { inRequest, type RequestPaths, withRequestPaths } from '../http/request-paths.js';
import { actorOf, requireScope } from '../plugins/auth.js';
import { EXAMPLE_DOCUMENT, ON_DEMO, SCRATCH_PROJECT } from '../reference-examples.js';
import { NotModifiedSchema, ProjectParamsSchema } from '../schemas/common.js';
import { DocumentSchema, ImportResultSchema } from '../schemas/documents.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';

const tags = ['documents'];

/** Large projects (10k issues) exceed Fastify's default 1 MiB body limit. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/** The document is the body: its problems at `body.issues[3].key`, and one with the whole of it at `body`. */
const inBody = inRequest('body');
const documentInBody: RequestPaths = (path) => (path === WHOLE_DOCUMENT ? 'body' : inBody(path));

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { documents } = app.stores;
  const { exports } = app.services;

  app.get(
    '/v1/projects/:project/export',
    {
      config: { scope: 'read', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'exportProject',
        summary: 'The whole project as one document: project, issues, dependencies',
        description:
          'The document POST …/import reads back (and `isoplan import`): version 1, the project’s fields, ' +
          'every issue with its own fields, every edge. Serialized once per project revision and written in ' +
          "chunks as the client reads; the ETag is the project's, so If-None-Match answers 304 while the " +
          'project is unchanged.',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        response: { 200: DocumentSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const { body, ...version } = await exports.exportJson(request.params.project);
      if (notModified(request, reply, etagOf(version))) return reply.code(304).send();
      return sendSharedJson(reply as FastifyReply, body);
    },
  );

  app.post(
    '/v1/projects/:project/import',
    {
      // The store's import parses the document once (every problem listed under `body.`, text that cannot
      // be stored as sent too: domain/storable-text.ts).
      config: { scope: 'write', bodyTextChecked: true },
      bodyLimit: IMPORT_BODY_LIMIT,
      validatorCompiler: bodyLeftToHandler,
      schema: {
        tags,
        operationId: 'importProject',
        summary: "Replace the project's issues and dependencies with a document's, all or nothing",
        description:
          'Creates the project when it does not exist. Applied in one transaction; when the document is ' +
          'inconsistent nothing changes and the 400 problem lists every problem found (unknown keys, ' +
          'duplicates, each cycle). The project is the one in the path (the document’s slug is not used). ' +
          'Creating the project, or changing its own fields (name, description, forecast settings) or its ' +
          'GitHub link, needs the admin scope (403 insufficient-scope otherwise); issues, dependencies and ' +
          'the goal need write. The example imports a two-issue project into `scratch`.',
        examples: { params: { project: SCRATCH_PROJECT }, body: EXAMPLE_DOCUMENT },
        params: ProjectParamsSchema,
        body: DocumentSchema,
        response: { 200: ImportResultSchema, ...problemResponses(...WRITE_PROBLEMS) },
      },
    },
    async (request) =>
      withRequestPaths(documentInBody, () =>
        documents.import(request.params.project, request.body, actorOf(request), {
          // Projects are admin's (scope.ts): creating one, or changing its own fields or link, by import too.
          authorize: ({ creates, changes }) =>
            requireScope(
              request,
              'admin',
              creates
                ? 'an import that creates the project'
                : `an import that changes the project's ${changes.join(', ')}`,
            ),
        }),
      ),
  );
};
