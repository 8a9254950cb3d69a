// The runtime simulator over HTTP: run a scenario, read the catalog and the workloads.
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { InvalidInputError } from '../../domain/errors.js';
import {
  DEFAULT_STRESS_TIME_MS,
  estimateCost,
  parseScenario,
  runScenario,
  runStress,
  type Scenario,
  type SimReport,
  workloads,
} from '../../runtime-sim/index.js';
import { INLINE_COST } from '../../services/inline-simulation.js';
import { inSpan } from '../../services/spans.js';
import { clientKey } from '../http/client-key.js';
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

// A scenario of a few milliseconds (INLINE_COST) runs at once on the event loop. Anything larger runs on a
// worker thread, admitted to the simulator's ad-hoc lane first (src/services/sim-admission.ts), so that
// neither one large request (up to the simulator's bound, MAX_SIMULATED_COST) nor many stall the other
// requests or the validations.

export const simRoutes: FastifyPluginAsyncZod = async (app) => {
  const { simPool, simAdmission } = app.services;

  /**
   * The simulation itself, in its span: small scenarios at once on the event loop, the others on a worker.
   * When the workers cannot start (or the pool has closed) the answer is a 503 `simulator-unavailable`:
   * seconds of simulation on the event loop would stall every other request.
   */
  function simulate(scenario: Scenario, cost: number): Promise<SimReport> {
    const inline = cost <= INLINE_COST;
    return inSpan('isoplan.sim.run', { 'isoplan.sim.cost': cost, 'isoplan.sim.inline': inline }, async () => {
      if (inline) return runScenario(scenario);
      const started = performance.now();
      const report = await simPool.runScenario(scenario);
      simAdmission.observe(cost, performance.now() - started);
      return report;
    });
  }

  app.post(
    '/v1/sim/run',
    {
      config: { scope: 'read', cost: SIMULATION_COST },
      // The body is checked by parseScenario in the handler, which lists shape and semantic problems
      // together (unknown component, ref used before bound...); its schema stays for the OpenAPI document.
      // The query string is checked like every other (strict-query.ts).
      validatorCompiler: (part) =>
        part.httpPart === 'body'
          ? (data) => ({ value: data })
          : // Fastify types `part.schema` as the route's whole schema; it is the part's own.
            validatorCompiler(part as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags,
        operationId: 'runScenario',
        summary: 'Run a scenario in the simulator; the report lists every isolation violation',
        description:
          'Deterministic: the same scenario and seed give the same report (stats.durationMs aside). ' +
          'An invalid scenario is a 400 listing every problem. With `stress=true` the scenario also runs truly ' +
          'in parallel on worker threads (at most `timeMs`), counting the reference-count updates lost. Beyond ' +
          "a few milliseconds of simulation the run waits its turn after the projects' validations, in a " +
          "bounded queue: past it a 503, past the client's share of it a 429, both with Retry-After; the cost " +
          '(runs x steps of every interpreter, weighed by the number of interpreters, plus stress mode’s time) ' +
          'is estimated before anything runs. The example churns tuples in two interpreters with CPython ' +
          '3.8’s shared free list: it reports the race.',
        examples: { body: EXAMPLE_SCENARIO },
        body: ScenarioDocSchema,
        querystring: SimRunQuerySchema,
        response: { 200: SimRunResponseSchema, ...problemResponses(...WRITE_PROBLEMS, 429, 503) },
      },
    },
    async (request) => {
      const parsed = parseScenario(request.body as unknown);
      if (!parsed.ok) {
        throw new InvalidInputError(
          `the scenario has ${parsed.problems.length} problem(s)`,
          parsed.problems.map((p) => ({ path: inRequest('body')(p.path), message: p.message })),
        );
      }
      const scenario = parsed.scenario;
      const cost = estimateCost(scenario);
      const { stress, timeMs } = request.query;
      if (cost <= INLINE_COST && !stress) return simulate(scenario, cost);

      // Stress mode runs its own threads for its time bound: its wall time is part of the cost.
      const costMs = simAdmission.estimateMs(cost) + (stress ? (timeMs ?? DEFAULT_STRESS_TIME_MS) : 0);
      // A client that leaves while its run waits takes it out of the queue.
      const left = new AbortController();
      const onClose = () => left.abort(new Error('the client closed the connection'));
      request.raw.socket.once('close', onClose);
      try {
        return await simAdmission.run(
          { lane: 'adhoc', client: clientKey(request), costMs },
          async () => {
            const report = await simulate(scenario, cost);
            if (!stress) return report;
            return { ...report, stress: await runStress(scenario, { timeMs }) };
          },
          left.signal,
        );
      } finally {
        request.raw.socket.off('close', onClose);
      }
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
