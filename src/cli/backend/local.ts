// The backend of a database file (DATABASE_URL, as the service reads it): the same stores, services and
// response mappings as the API's routes, in this process. The simulator runs here too, without worker
// threads: a one-shot command does not pay for starting them.

import type { z } from 'zod';
import {
  ForecastQuerySchema,
  ForecastTrendQuerySchema,
  NextQuerySchema,
} from '../../api/schemas/forecast.js';
import { GithubLinkSchema } from '../../api/schemas/github.js';
import { toAuditEventResponse } from '../../api/schemas/history.js';
import { IssueCreateSchema, IssuePatchSchema, toIssueResponse } from '../../api/schemas/issues.js';
import { toProjectResponse } from '../../api/schemas/projects.js';
import { catalogDocument } from '../../api/schemas/sim.js';
import { type Config, describeDatabase } from '../../config.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { jsonPath } from '../../domain/project-document.js';
import { githubClientFromConfig } from '../../integrations/github/github-client.js';
import { parseScenario, runScenario, runStress } from '../../runtime-sim/index.js';
import { createInProcessRunner } from '../../services/check-runners.js';
import { createInProcessForecastRunner } from '../../services/forecast-runners.js';
import { createServices, type Services } from '../../services/services.js';
import { etagOf } from '../../store/etag.js';
import type { Page } from '../../store/types.js';
import { type OpenOptions, openConfiguredDatabase } from '../database.js';
import type { Backend, Simulator } from './backend.js';

const PAGE = 500;

async function readAll<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    all.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** The request as the API's schema takes it (trimmed, checked), or InvalidInputError as the API words it. */
function asRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
  throw new InvalidInputError(
    `the request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    errors,
  );
}

export interface LocalBackendOptions {
  /** Recorded in the audit trail for every write. */
  actor: string;
  /** Where the GitHub client says it waits out a rate limit. */
  warn?: (message: string) => void;
  /** Whether the command may create the database (src/cli/database.ts says which may). */
  create: OpenOptions['create'];
}

/** The simulator in this process: it needs no database, so none is opened (or created) for it. */
export function localSimulator(): Simulator {
  return {
    async simRun(scenario, { stress, timeMs, onRun }) {
      const parsed = parseScenario(scenario);
      if (!parsed.ok) {
        throw new InvalidInputError(`the scenario has ${parsed.problems.length} problem(s)`, parsed.problems);
      }
      const report = runScenario(parsed.scenario, { onRun });
      if (!stress) return report;
      return { ...report, stress: await runStress(parsed.scenario, { timeMs }) };
    },
    simCatalog: async () => catalogDocument(),
  };
}

/** Opens the database DATABASE_URL names (migrating it when needed; creating it only when `create`). */
export async function openLocalBackend(
  config: Pick<Config, 'databaseUrl' | 'databasePath' | 'github'>,
  { actor, warn, create }: LocalBackendOptions,
): Promise<Backend> {
  const database = await openConfiguredDatabase(config, {
    create,
    announceCommits: true,
    onMigrationWait: () => warn?.('another process is migrating the database: waiting for it to finish'),
  });
  const { stores } = database;
  let services: Services | undefined;
  const service = () => {
    services ??= createServices({
      stores,
      // One command, one caller: no other request waits on this event loop, and no worker is worth starting.
      checkRunner: createInProcessRunner(),
      forecastRunner: createInProcessForecastRunner(),
      github: githubClientFromConfig(config.github, warn === undefined ? undefined : { warn }),
    });
    return services;
  };
  const by = { actor };
  // The runs this command asks for name it as its writes do.
  const caller = { client: 'local', requester: { actor, onBehalfOf: null, tokenId: null } };

  return {
    where: describeDatabase(config),
    kind: 'file',

    projects: async () =>
      (await readAll((cursor) => stores.projects.list({ limit: PAGE, cursor }))).map(toProjectResponse),
    issue: async (project, key) => toIssueResponse(await stores.issues.get(project, key)),
    issues: async (project) => (await stores.issues.listAll(project)).map(toIssueResponse),
    createIssue: async (project, input) =>
      toIssueResponse(await stores.issues.create(project, asRequest(IssueCreateSchema, input), by)),
    updateIssue: async (project, key, patch, ifAsRead) =>
      toIssueResponse(
        await stores.issues.update(project, key, asRequest(IssuePatchSchema, patch), {
          actor,
          ifMatch: ifAsRead === undefined ? undefined : etagOf(ifAsRead),
        }),
      ),
    addDependency: (project, key, blocker) =>
      stores.dependencies.add(project, { issue: key, blockedBy: blocker }, by),
    async removeDependency(project, key, blocker) {
      const { removed } = await stores.dependencies.remove(project, { issue: key, blockedBy: blocker }, by);
      if (!removed) {
        // As DELETE …/blocked-by/:blocker answers it.
        throw new NotFoundError('dependency', `${key}<-${blocker}`);
      }
    },
    dependencies: (project) => stores.dependencies.list(project),
    plan: async (project, parts = {}) => (await service().plans.plan(project, parts)).plan,
    forecast: async (project, request) =>
      (await service().forecasts.forecast(project, asRequest(ForecastQuerySchema, request))).report,
    forecastTrend: (project, request) =>
      service().forecasts.trend(project, asRequest(ForecastTrendQuerySchema, request)),
    next: async (project, limit) =>
      (await service().forecasts.next(project, asRequest(NextQuerySchema, { limit }).limit)).items,
    blockers: (project, key) => service().plans.blockers(project, key),
    history: async (project, { issue, limit }) =>
      (await stores.audit.list(project, { limit }, { issue })).items.map(toAuditEventResponse),
    exportProject: (project) => stores.documents.export(project),
    importProject: (project, document) => stores.documents.import(project, document, by),
    ciCheck: (project, request) => service().ciChecks.run(project, request, undefined, caller),
    validate: (project) => service().validations.validate(project, caller),
    githubSync: (project, link, onProgress) =>
      service().githubSync.sync(project, {
        link: asRequest(GithubLinkSchema, link),
        by,
        onProgress: onProgress && (({ read, found }) => onProgress(read, found)),
      }),
    ...localSimulator(),
    async close() {
      await services?.close();
      await database.close();
    },
  };
}
