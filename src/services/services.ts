// The composition root: every application service, built once from the stores with the narrow
// dependencies each needs. The API (`app.services`, src/api/plugins/services.ts) and the CLI
// (src/cli/backend/local.ts) both build their services here and nowhere else. A new service (a GitHub sync,
// forecasts, tokens, a job queue) is a factory in its own file in this folder, one field of `Services`
// and one line below; what it starts (workers, timers, connections) it stops in `close`.
import type { SimLimits } from '../config.js';
import type { CheckRunner } from '../domain/validation/input.js';
import { createGithubClient, type GithubClient } from '../integrations/github/github-client.js';
import type { WebhookVerifier } from '../integrations/github/webhooks.js';
import { createInProcessJobQueue, type JobQueue } from '../store/job-queue.js';
import type { Stores } from '../store/types.js';
import { type BadgeService, createBadgeService } from './badge-service.js';
import { createHybridRunner } from './check-runners.js';
import { type CiCheckService, createCiCheckService } from './ci-check-service.js';
import { createExportService, type ExportService } from './export-service.js';
import { createHybridForecastRunner, type ForecastRunner } from './forecast-runners.js';
import { createForecastService, type ForecastService } from './forecast-service.js';
import { createGithubCiCheckService, type GithubCiCheckService } from './github-ci-check-service.js';
import { createGithubSyncService, type GithubSyncService } from './github-sync-service.js';
import {
  createGithubWebhookService,
  type GithubWebhookService,
  type ServiceLog,
} from './github-webhook-service.js';
import { jobHandlers, queuedCiCheckService, queuedValidationService } from './jobs.js';
import { createPlanService, type PlanService, type PlanServiceOptions } from './plan-service.js';
import type { ProjectEventPublisher } from './project-events.js';
import { createProjectMetrics, type ProjectMetrics } from './project-metrics.js';
import { createServiceMetrics, type ServiceMetrics } from './service-metrics.js';
import { createSimAdmission, type SimAdmission } from './sim-admission.js';
import { createSimWorkerPool, type SimWorkerPool } from './sim-worker-pool.js';
import { createTokenService, type TokenService } from './token-service.js';
import { createValidationService, type ValidationService } from './validation-service.js';

export interface ServicesDeps {
  stores: Stores;
  /** Runs validation's simulator checks; default: the worker pool behind an in-process runner for small batches. */
  checkRunner?: CheckRunner;
  /** Runs the forecasts; default: the worker pool for large ones, in process for small ones. */
  forecastRunner?: ForecastRunner;
  /** The clock of the forecasts (today is their day 0); default the system's. Tests pin it. */
  now?: () => Date;
  /** How many plans to keep and how large a plan's JSON text may be to be kept whole (plan-service.ts). */
  planCache?: PlanServiceOptions;
  /** GitHub's REST API (src/integrations/github); default: api.github.com without credentials (public repositories). */
  github?: GithubClient;
  /** Checks webhook signatures; absent (no secret configured): every delivery is refused. */
  webhookVerifier?: WebhookVerifier;
  /** Where `issue.unblocked` and the changes webhooks make are announced (the API's event bus). */
  events?: ProjectEventPublisher;
  /** Where work done after an answer (webhook deliveries, a token's last use) reports. */
  log?: ServiceLog;
  /**
   * Where validations and CI checks run: by default in this process; PostgreSQL's queue
   * (src/store/job-queue.ts) makes them jobs that any replica or worker takes. Its owner closes it.
   */
  jobs?: JobQueue;
  /** The simulator's workers (default: a pool as large as the cores available, at least 2). */
  simPool?: SimWorkerPool;
  /** How much ad-hoc simulator work may wait, and each client's share (default: config's defaults). */
  simLimits?: Partial<SimLimits>;
}

export interface Services {
  plans: PlanService;
  forecasts: ForecastService;
  /** Whole-project exports, serialized once per revision and shared by their readers. */
  exports: ExportService;
  validations: ValidationService;
  ciChecks: CiCheckService;
  tokens: TokenService;
  /** The simulator's worker threads: validation's large batches and large scenarios. Started on first use. */
  simPool: SimWorkerPool;
  /** A project kept in sync with its meta issue on GitHub. */
  githubSync: GithubSyncService;
  /** GitHub's webhook deliveries: taken at once, handled after the answer. */
  githubWebhooks: GithubWebhookService;
  /** CI check runs posted to GitHub (check runs, or commit statuses). */
  githubCiChecks: GithubCiCheckService;
  /** README badges of projects (SVG). */
  badges: BadgeService;
  /** The service's Prometheus metrics (its registry and instruments), served at GET /metrics. */
  metrics: ServiceMetrics;
  /** The per-project gauges in `metrics.registry`, refreshed before each scrape. */
  projectMetrics: ProjectMetrics;
  /** The job queue the services use (readiness reports it). */
  jobs: JobQueue;
  /** Makes this process take jobs from the queue (a worker; a replica that works too). */
  workJobs(): Promise<void>;
  /** Who may use the simulator's workers, in what order: validations first, ad-hoc runs bounded. */
  simAdmission: SimAdmission;
  /**
   * Stops what the services started: waits for the webhook deliveries taken, then stops the pool's
   * workers and the plans' commit listener. The stores stay open: their owner closes them.
   */
  close(): Promise<void>;
}

export function createServices({
  stores,
  checkRunner,
  forecastRunner,
  now,
  planCache,
  github = createGithubClient({ credentials: { kind: 'none' } }),
  webhookVerifier,
  events,
  log,
  jobs = createInProcessJobQueue(),
  simPool: givenPool,
  simLimits,
}: ServicesDeps): Services {
  const simPool =
    givenPool ??
    createSimWorkerPool({
      onTaskDone: (kind, seconds) => metrics.simTaskDuration.observe({ kind }, seconds),
    });
  const metrics = createServiceMetrics({ simQueueDepth: () => simPool.queued });
  const simAdmission = createSimAdmission({
    workers: simPool.size,
    adhocQueueMs: simLimits?.queueMs,
    adhocPerClient: simLimits?.runsPerClient,
  });
  const plans = createPlanService(
    { projects: stores.projects, issues: stores.issues, commits: stores.commits },
    planCache,
  );
  const forecasts = createForecastService({
    plans,
    audit: stores.audit,
    now,
    runner: forecastRunner ?? createHybridForecastRunner(simPool),
  });
  const exports = createExportService({ projects: stores.projects, documents: stores.documents });
  const validations = createValidationService({
    projects: stores.projects,
    issues: stores.issues,
    validations: stores.validations,
    runner: checkRunner ?? createHybridRunner(simPool),
    admission: simAdmission,
    onComputed: (seconds) => metrics.validationDuration.observe(seconds),
  });
  const ciChecks = createCiCheckService({
    validations,
    ciCheckRuns: stores.ciCheckRuns,
    onComputed: (seconds) => metrics.ciCheckDuration.observe(seconds),
  });
  const projectMetrics = createProjectMetrics({
    projects: stores.projects,
    plans,
    validations: stores.validations,
    forecasts,
    now,
    registry: metrics.registry,
  });
  const badges = createBadgeService({
    projects: stores.projects,
    plans,
    validations: stores.validations,
    forecasts,
  });
  const tokens = createTokenService({
    tokens: stores.tokens,
    projects: stores.projects,
    onTouchError: (error) => log?.warn({ err: error }, "a token's last use was not recorded"),
  });
  const handlers = jobHandlers({ validations, ciChecks });
  const inProcess = jobs.kind === 'in-process';
  // In-process, a job is a call: the services answer themselves, and the queue knows their handlers.
  if (inProcess) void jobs.work(handlers);
  const ciCheckService = inProcess ? ciChecks : queuedCiCheckService(ciChecks, jobs, stores.projects);
  const githubSync = createGithubSyncService({
    github,
    documents: stores.documents,
    links: stores.githubLinks,
    events,
  });
  const githubCiChecks = createGithubCiCheckService({ github });
  const githubWebhooks = createGithubWebhookService({
    verifier: webhookVerifier ?? null,
    deliveries: stores.githubDeliveries,
    links: stores.githubLinks,
    issues: stores.issues,
    github,
    sync: githubSync,
    ciChecks: ciCheckService,
    githubCiChecks,
    events,
    log,
  });
  return {
    plans,
    forecasts,
    exports,
    validations: inProcess ? validations : queuedValidationService(validations, jobs),
    ciChecks: ciCheckService,
    tokens,
    simPool,
    githubSync,
    githubWebhooks,
    githubCiChecks,
    badges,
    metrics,
    projectMetrics,
    jobs,
    workJobs: () => jobs.work(handlers),
    simAdmission,
    close: async () => {
      await githubWebhooks.idle();
      plans.close();
      await simPool.close();
    },
  };
}
