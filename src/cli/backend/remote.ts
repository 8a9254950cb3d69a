// The backend of a running service (`--server URL`, `ISOPLAN_SERVER`): every call is one API operation
// through the typed client. Lists are read page by page to the end.
import { withRequestPaths } from '../../api/http/request-paths.js';
import { WHOLE_DOCUMENT } from '../../domain/project-document.js';
import { etagOf } from '../../store/etag.js';
import { type ApiClientOptions, bodyOf, createApiClient } from './api-client.js';
import type { Backend } from './backend.js';

/** The API's largest page. */
const PAGE = 500;

/** A file's content sent as the body: its problems are reported at the file's own paths, not `body.…`. */
const asFile = <T>(work: () => Promise<T>) =>
  withRequestPaths((path) => path.replace(/^body\.?/, '') || WHOLE_DOCUMENT, work);

export function createRemoteBackend(options: ApiClientOptions): Backend {
  const api = createApiClient(options);
  const project = (slug: string) => ({ params: { path: { project: slug } } });
  const issue = (slug: string, key: string) => ({ params: { path: { project: slug, key } } });
  const edge = (slug: string, key: string, blocker: string) => ({
    params: { path: { project: slug, key, blocker } },
  });

  return {
    where: options.baseUrl,
    kind: 'server',

    async projects() {
      const all = [];
      let cursor: string | undefined;
      do {
        const page = await bodyOf(api.GET('/v1/projects', { params: { query: { limit: PAGE, cursor } } }));
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return all;
    },
    issue: (slug, key) => bodyOf(api.GET('/v1/projects/{project}/issues/{key}', issue(slug, key))),
    async issues(slug) {
      const all = [];
      let cursor: string | undefined;
      do {
        const page = await bodyOf(
          api.GET('/v1/projects/{project}/issues', {
            params: { path: { project: slug }, query: { limit: PAGE, cursor } },
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return all;
    },
    createIssue: (slug, body) =>
      bodyOf(api.POST('/v1/projects/{project}/issues', { ...project(slug), body })),
    updateIssue: (slug, key, body, ifAsRead) =>
      bodyOf(
        api.PATCH('/v1/projects/{project}/issues/{key}', {
          ...issue(slug, key),
          body,
          headers: ifAsRead === undefined ? {} : { 'if-match': etagOf(ifAsRead) },
        }),
      ),
    async addDependency(slug, key, blocker) {
      const call = api.PUT(
        '/v1/projects/{project}/issues/{key}/blocked-by/{blocker}',
        edge(slug, key, blocker),
      );
      const { response } = await call;
      await bodyOf(call);
      return { created: response.status === 201 };
    },
    async removeDependency(slug, key, blocker) {
      await bodyOf(
        api.DELETE('/v1/projects/{project}/issues/{key}/blocked-by/{blocker}', edge(slug, key, blocker)),
      );
    },
    dependencies: async (slug) =>
      (await bodyOf(api.GET('/v1/projects/{project}/dependencies', project(slug)))).items,
    plan: (slug, parts = {}) =>
      bodyOf(
        api.GET('/v1/projects/{project}/plan', {
          params: {
            path: { project: slug },
            query: parts.redundantEdges === true ? { include: 'redundantEdges' } : {},
          },
        }),
      ),
    forecast: (slug, query) =>
      bodyOf(api.GET('/v1/projects/{project}/forecast', { params: { path: { project: slug }, query } })),
    forecastTrend: (slug, query) =>
      bodyOf(
        api.GET('/v1/projects/{project}/forecast/trend', { params: { path: { project: slug }, query } }),
      ),
    next: async (slug, limit) =>
      (
        await bodyOf(
          api.GET('/v1/projects/{project}/next', { params: { path: { project: slug }, query: { limit } } }),
        )
      ).items,
    blockers: (slug, key) =>
      bodyOf(api.GET('/v1/projects/{project}/issues/{key}/blockers', issue(slug, key))),
    async history(slug, { issue: key, limit }) {
      const page = await bodyOf(
        api.GET('/v1/projects/{project}/history', {
          params: { path: { project: slug }, query: { limit: Math.min(limit, PAGE), issue: key } },
        }),
      );
      return page.items;
    },
    exportProject: (slug) => bodyOf(api.GET('/v1/projects/{project}/export', project(slug))),
    importProject: (slug, document) =>
      asFile(() =>
        bodyOf(
          api.POST('/v1/projects/{project}/import', {
            ...project(slug),
            // The service checks the document, as the database backend's store does.
            body: document as never,
          }),
        ),
      ),
    ciCheck: (slug, body) => bodyOf(api.POST('/v1/projects/{project}/checks', { ...project(slug), body })),
    validate: (slug) => bodyOf(api.POST('/v1/projects/{project}/validations', project(slug))),
    githubSync: (slug, body) =>
      bodyOf(api.POST('/v1/projects/{project}/github/sync', { ...project(slug), body })),
    simRun: (scenario, { stress, timeMs }) =>
      asFile(() =>
        bodyOf(
          api.POST('/v1/sim/run', {
            params: { query: { stress: stress ? 'true' : undefined, timeMs } },
            // The service checks the scenario (parseScenario), as the database backend does.
            body: scenario as never,
          }),
        ),
      ),
    simCatalog: () => bodyOf(api.GET('/v1/sim/catalog')),
    close: async () => {},
  };
}
