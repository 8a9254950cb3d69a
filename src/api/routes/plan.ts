// The plan of a project: order, waves, ready and blocked sets, critical path,
// progress; a what-if variant; the ready issues; the transitive blockers of one issue.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf, queryVariant } from '../../store/etag.js';
import { notModified } from '../http/conditional.js';
import { jsonBytesFor, representationEtag, sendJsonBytes, sendJsonStream } from '../http/json-bytes.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { BLOCKED_ISSUE, DEMO_PROJECT, ON_DEMO, WHAT_IF_DONE } from '../reference-examples.js';
import { IssueParamsSchema, NotModifiedSchema, ProjectParamsSchema } from '../schemas/common.js';
import { toIssueResponse } from '../schemas/issues.js';
import {
  PlanQuerySchema,
  PlanSchema,
  planOptionsOf,
  ReadyListSchema,
  TransitiveBlockersSchema,
  WhatIfSchema,
} from '../schemas/plan.js';
import { problemResponses } from '../schemas/problem.js';

const tags = ['plan'];

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { plans } = app.services;

  app.get(
    '/v1/projects/:project/plan',
    {
      config: { scope: 'read', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'getPlan',
        summary: 'The plan: order, waves, ready/blocked, critical path and schedule, progress',
        description:
          "Cached per project revision; the ETag is the project's (with the query's for " +
          '`?include=redundantEdges`, another representation), so If-None-Match answers 304 while the ' +
          'project is unchanged. Sent gzip-encoded to a client that takes it (Accept-Encoding), once the ' +
          "revision's gzip is made (right after a change, the first reads get it plain), under its own tag " +
          '(`"r12-mxdea8u3-gzip"`): If-None-Match is compared with the tag of what the request would get. A large plan is ' +
          'streamed as it is written (chunked). Redundant edges only with ' +
          '`?include=redundantEdges`. A stored cyclic graph (impossible through this API) is a 400 listing each cycle.',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        querystring: PlanQuerySchema,
        response: { 200: PlanSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const options = planOptionsOf(request.query);
      const { json, ...version } = await plans.planJson(request.params.project, options);
      // JSON text written by the plan service (PlanSchema is the contract, tested on the body): bytes kept
      // per revision (gzip-encoded once made, for a client that takes it), or chunks streamed as they are
      // written for a plan too large to keep. The representation is chosen first: a 304 carries the ETag
      // and Vary its 200 would (RFC 9110 §15.4.5), and If-None-Match is compared with that ETag (§13.1.2).
      const body = 'bytes' in json ? { bytes: jsonBytesFor(request, json.bytes) } : { chunks: json.chunks };
      // The plan's tag is the project's; the plan with redundant edges, another representation, adds its query.
      const tag = etagOf(version, options.redundantEdges ? queryVariant(options) : undefined);
      const etag = body.bytes !== undefined ? representationEtag(tag, body.bytes) : tag;
      reply.header('vary', 'accept-encoding');
      if (notModified(request, reply, etag)) return reply.code(304).send();
      return body.bytes !== undefined
        ? sendJsonBytes(reply as FastifyReply, body.bytes)
        : sendJsonStream(reply as FastifyReply, body.chunks);
    },
  );

  app.post(
    '/v1/projects/:project/plan/what-if',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'getWhatIfPlan',
        summary: 'The plan as if the given issues were done (nothing is changed)',
        description:
          'The same document as GET …/plan, computed with `done` taken as finished: how the critical path, ' +
          'the waves and the ready set would move, streamed as it is written (chunked). Read-only (no token ' +
          'needed); unknown keys are a 400. The ' +
          'example takes the immortal-objects work off the critical path.',
        examples: { ...ON_DEMO, body: { done: WHAT_IF_DONE } },
        params: ProjectParamsSchema,
        querystring: PlanQuerySchema,
        body: WhatIfSchema,
        response: { 200: PlanSchema, ...problemResponses(400, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const chunks = await withRequestPaths(inRequest('body'), () =>
        plans.whatIfJson(request.params.project, request.body.done, planOptionsOf(request.query)),
      );
      // Written from the analysis as the client reads (PlanSchema is the contract, tested on the body).
      return sendJsonStream(reply as FastifyReply, chunks);
    },
  );

  app.get(
    '/v1/projects/:project/ready',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listReadyIssues',
        summary: 'The open issues whose blockers are all finished, in the order to start them',
        description:
          "The plan's ready set as full issues, in the order of the plan's `readyRanking` (priority, " +
          'least slack, the work waiting downstream, what each unblocks).',
        examples: ON_DEMO,
        params: ProjectParamsSchema,
        response: { 200: ReadyListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const slug = request.params.project;
      const [{ plan }, issues] = await Promise.all([plans.plan(slug), plans.issues(slug)]);
      const byKey = new Map(issues.map((issue) => [issue.key, issue]));
      // In the order to start them: the plan's ready ranking (src/domain/plan/ready-ranking.ts).
      const items = plan.readyRanking.flatMap(({ key }) => {
        const issue = byKey.get(key);
        return issue === undefined ? [] : [toIssueResponse(issue)];
      });
      return { items };
    },
  );

  app.get(
    '/v1/projects/:project/issues/:key/blockers',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listBlockers',
        summary: 'Every open issue that transitively blocks this one, with a shortest chain to each',
        description:
          'Through open issues only (a finished issue holds nothing), by distance then key; `path` runs from ' +
          'the issue to the blocker, each key blocked by the next.',
        examples: { params: { project: DEMO_PROJECT, key: BLOCKED_ISSUE } },
        params: IssueParamsSchema,
        response: { 200: TransitiveBlockersSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => plans.blockers(request.params.project, request.params.key),
  );
};
