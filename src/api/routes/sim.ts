// The runtime simulator over HTTP: run a scenario, read the catalog and the workloads.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvalidInputError } from '../../domain/errors.js';
import {
  estimateCost,
  parseScenario,
  runScenario,
  runStress,
  type Scenario,
  type SimReport,
  workloads,
} from '../../runtime-sim/index.js';
import { SimWorkerPoolUnavailableError } from '../../services/sim-worker-pool.js';
import { inSpan } from '../../services/spans.js';
import { inRequest } from '../http/request-paths.js';
import { SIMULATION_COST } from '../plugins/rate-limit.js';
import { EXAMPLE_SCENARIO } from '../reference-examples.js';
import { problemResponses, WRITE_PROBLEMS } from '../schemas/problem.js';
import {
  CatalogSchema,
  catalogDocument,
  ScenarioDocSchema,
  SimRunQuerySchema,
  SimRunResponseSchema,
  WorkloadListSchema,
} from '../schemas/sim.js';

const tags = ['simulator'];

// About 0.1 s of simulation (in the simulator's cost units, estimateCost): above it a scenario runs on a
// worker thread, so that one large request (up to the simulator's bound, MAX_SIMULATED_COST) never
// stalls the other requests on the event loop.
export const INLINE_COST = 200_000;

export const simRoutes: FastifyPluginAsyncZod = async (app) => {
  function simulate(scenario: Scenario): Promise<SimReport> {
    const cost = estimateCost(scenario);
    const inline = cost <= INLINE_COST;
    return inSpan('isoplan.sim.run', { 'isoplan.sim.cost': cost, 'isoplan.sim.inline': inline }, async () => {
      if (inline) return runScenario(scenario);
      try {
        return await app.services.simPool.runScenario(scenario);
      } catch (error) {
        // Workers cannot start here: the answer matters more than the event loop.
        if (error instanceof SimWorkerPoolUnavailableError) return runScenario(scenario);
        throw error;
      }
    });
  }

  app.post(
    '/v1/sim/run',
    {
      config: { scope: 'read', cost: SIMULATION_COST },
      // The body is checked by parseScenario in the handler, which lists shape and semantic problems
      // together (unknown component, ref used before bound...); the schema stays for the OpenAPI document.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        tags,
        operationId: 'runScenario',
        summary: 'Run a scenario in the simulator; the report lists every isolation violation',
        description:
          'Deterministic: the same scenario and seed give the same report (stats.durationMs aside). ' +
          'An invalid scenario is a 400 listing every problem. With `stress=true` the scenario also runs truly ' +
          'in parallel on worker threads (at most `timeMs`), counting the reference-count updates lost. The ' +
          'example churns tuples in two interpreters with CPython 3.8’s shared free list: it reports the race.',
        examples: { body: EXAMPLE_SCENARIO },
        body: ScenarioDocSchema,
        querystring: SimRunQuerySchema,
        response: { 200: SimRunResponseSchema, ...problemResponses(...WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const query = SimRunQuerySchema.safeParse(request.query);
      if (!query.success) {
        throw new InvalidInputError(
          'invalid query string',
          query.error.issues.map((i) => ({
            path: inRequest('querystring')(i.path.join('.')),
            message: i.message,
          })),
        );
      }
      const parsed = parseScenario(request.body as unknown);
      if (!parsed.ok) {
        throw new InvalidInputError(
          `the scenario has ${parsed.problems.length} problem(s)`,
          parsed.problems.map((p) => ({ path: inRequest('body')(p.path), message: p.message })),
        );
      }
      const report = await simulate(parsed.scenario);
      if (!query.data.stress) return report;
      const stress = await runStress(parsed.scenario, { timeMs: query.data.timeMs });
      return { ...report, stress };
    },
  );

  app.get(
    '/v1/sim/catalog',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'getCatalog',
        summary: 'The runtime state components, their CPython 3.8 and 3.12+ placements and sources',
        description:
          'Every component a layout, a claim or a program may name (free lists, singletons, ceval state, the ' +
          'C globals of globals-to-fix.tsv, the stdlib extension modules `ext:<name>`), with where CPython 3.8 ' +
          'kept it, where 3.12 took it, and the placements a claim may give it.',
        response: { 200: CatalogSchema, ...problemResponses() },
      },
    },
    async () => catalogDocument(),
  );

  app.get(
    '/v1/sim/workloads',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        operationId: 'listWorkloads',
        summary: 'Named, reusable programs that checks attach to issues and goals',
        description:
          'A check `{ name, workload }` runs one of these in every interpreter of the project’s setting.',
        response: { 200: WorkloadListSchema, ...problemResponses() },
      },
    },
    async () => ({ items: workloads }),
  );
};
