// The forecast of a project: when, with this team, and how sure; its what-if; what to start next.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ForecastVersion } from '../../services/forecast-service.js';
import { etagOf, namesTag, queryVariant } from '../../store/etag.js';
import { notModified } from '../http/conditional.js';
import { sendJsonText } from '../http/json-bytes.js';
import { inRequest, withRequestPaths } from '../http/request-paths.js';
import { SIMULATION_COST } from '../plugins/rate-limit.js';
import { ON_DEMO, WHAT_IF_DONE } from '../reference-examples.js';
import { NotModifiedSchema, ProjectParamsSchema } from '../schemas/common.js';
import {
  ForecastQuerySchema,
  ForecastSchema,
  ForecastTrendQuerySchema,
  ForecastTrendSchema,
  ForecastWhatIfSchema,
  NextListSchema,
  NextQuerySchema,
} from '../schemas/forecast.js';
import { problemResponses } from '../schemas/problem.js';

const tags = ['forecast'];

/** A forecast's or a trend's ETag: the project's revision, the day (day 0 moves with it) and the query. */
function forecastEtag(version: ForecastVersion): string {
  return etagOf(version, `${version.today}.${queryVariant(version.query)}`);
}

export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  const { forecasts } = app.services;

  app.get(
    '/v1/projects/:project/forecast',
    {
      config: { scope: 'read', honoursIfMatch: true, cost: SIMULATION_COST },
      schema: {
        tags,
        operationId: 'getForecast',
        summary:
          'When the open work lands with this team, and how sure: levelled schedule, P50/P85/P95, criticality',
        description:
          "The capacity-levelled schedule of the open issues on the most likely estimates (the project's team, " +
          'or `people`), and a Monte Carlo forecast over the estimate ranges: `trials` runs (default 10,000, ' +
          'fewer for a project too large for them), seeded (`seed`: same answer, byte for byte), of the end ' +
          'or of one issue (`target`), with each issue’s criticality index and P85 finish; the history from ' +
          "the audit trail beside it. `holidays` takes more days off for this answer, besides the project's " +
          'own: every date given counts, repeated or comma-separated. Days are working days from `start`; ' +
          'dates are ISO dates. Cached per project revision, query and day (today, UTC): the ETag names the ' +
          'revision, the day and the query (`"r12-mxdea8u3-v2026-12-07.q3f9a01c2e4b"`), so If-None-Match ' +
          "answers 304 until the revision or the day moves, and another query's tag gets the full answer; a " +
          'query that is refused is refused whatever If-None-Match says. A ' +
          'forecast whose dates would pass 9999-12-31 is refused (422, `forecast-beyond-calendar`).',
        examples: { ...ON_DEMO, querystring: { people: 3 } },
        params: ProjectParamsSchema,
        querystring: ForecastQuerySchema,
        response: { 200: ForecastSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412, 422) },
      },
    },
    async (request, reply) => {
      // The same bytes for a revision and a day: day 0 and the history move with the date, not only the
      // revision (a dashboard left open revalidates after midnight UTC and gets the new day's forecast).
      // Only the tag itself answers 304 before the forecast is made: this service sent it with a 200 for
      // this query at this revision and day, so the query was valid (etag.ts namesTag); `*` waits for it.
      const clientHas = request.headers['if-none-match'];
      const { json, ...version } = await withRequestPaths(
        inRequest('querystring', ['trials', 'seed', 'target', 'holidays']),
        () =>
          forecasts.forecastJson(request.params.project, request.query, (held) =>
            namesTag(clientHas, forecastEtag(held)),
          ),
      );
      if (notModified(request, reply, forecastEtag(version)) || json === undefined)
        return reply.code(304).send();
      // Serialized once per cached forecast (ForecastSchema is the contract, tested on the body).
      return sendJsonText(reply as FastifyReply, json);
    },
  );

  app.get(
    '/v1/projects/:project/forecast/trend',
    {
      config: { scope: 'read', honoursIfMatch: true, cost: SIMULATION_COST },
      schema: {
        tags,
        operationId: 'getForecastTrend',
        summary: 'Is the date slipping? The forecast at the end of each of the last weeks, and why it moved',
        description:
          "The project's forecast input rebuilt from the audit trail at the end of each of the last `weeks` " +
          '(today and the Sundays before it, UTC; default 8), each forecast with day 0 on its date, seeded, ' +
          'with `trials` per point (by default the points share 10,000: the whole trend costs about one forecast, and is held to ' +
          "the forecast's work bound): per point the open issues, the scope, P50/P85/P95 dates (null past " +
          '9999-12-31, `beyondCalendar`), and what changed since the point before (issues added, dropped, ' +
          'finished, reopened, re-estimated; how far P50 and P85 moved; why). The trail starts at the ' +
          "project's creation or its latest import (an import keeps only counts): no point before it is " +
          'answered, and `notes` says so. Cached and versioned as GET …/forecast: the ETag names the revision, ' +
          'the day and the query, and If-None-Match answers 304 without running a trial.',
        examples: { ...ON_DEMO, querystring: { weeks: 8 } },
        params: ProjectParamsSchema,
        querystring: ForecastTrendQuerySchema,
        response: { 200: ForecastTrendSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const clientHas = request.headers['if-none-match'];
      const { json, ...version } = await withRequestPaths(
        inRequest('querystring', ['weeks', 'trials', 'seed']),
        () =>
          forecasts.trendJson(request.params.project, request.query, (held) =>
            namesTag(clientHas, forecastEtag(held)),
          ),
      );
      if (notModified(request, reply, forecastEtag(version)) || json === undefined)
        return reply.code(304).send();
      return sendJsonText(reply as FastifyReply, json);
    },
  );

  app.post(
    '/v1/projects/:project/forecast/what-if',
    {
      config: { scope: 'read', cost: SIMULATION_COST },
      schema: {
        tags,
        operationId: 'getWhatIfForecast',
        summary: 'The forecast if the given issues were done and with another team (nothing is changed)',
        description:
          '"If these land and we add one person, when?": the forecast of GET …/forecast with the issues in ' +
          '`done` taken as done and `team` (a number of people, or named people with their capacity) instead ' +
          "of the project's, and `holidays` off besides the project's own; never cached, nothing written.",
        examples: { ...ON_DEMO, body: { done: WHAT_IF_DONE, team: 4 } },
        params: ProjectParamsSchema,
        body: ForecastWhatIfSchema,
        response: { 200: ForecastSchema, ...problemResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const { done, team, ...options } = request.body;
      return withRequestPaths(inRequest('body'), () =>
        forecasts.whatIf(request.params.project, { done, team }, options),
      );
    },
  );

  app.get(
    '/v1/projects/:project/next',
    {
      config: { scope: 'read', honoursIfMatch: true },
      schema: {
        tags,
        operationId: 'listNextIssues',
        summary: "What's next: the ready issues ranked, each with its reasons and criticality",
        description:
          "Ranked as the plan's readyRanking (priority, least slack, the work waiting downstream, what it " +
          "unblocks), with each issue's criticality index from the project's forecast among its reasons. " +
          'It names no date: a project whose forecast would pass 9999-12-31 is ranked too. The ETag names ' +
          'the revision and `limit` (criticality counts working days, not dates: it does not move with the ' +
          'day), so a dashboard polling with If-None-Match gets 304 while the project is unchanged.',
        examples: { ...ON_DEMO, querystring: { limit: 5 } },
        params: ProjectParamsSchema,
        querystring: NextQuerySchema,
        response: { 200: NextListSchema, 304: NotModifiedSchema, ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const { items, ...version } = await forecasts.next(request.params.project, request.query.limit);
      if (notModified(request, reply, etagOf(version, queryVariant(request.query))))
        return reply.code(304).send();
      return { items };
    },
  );
};
