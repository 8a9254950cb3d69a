// The jobs isoplan queues (src/store/job-queue.ts) and their handlers: a validation run and a CI check
// run. With the in-process queue (SQLite) the services are used as they are; with PostgreSQL's queue,
// `validate` and `ciChecks.run` enqueue a job that any replica or `isoplan worker` takes, and answer
// its result. A GitHub sync or webhook delivery is one more name here, one more handler, one more front.
import type { CheckRunDocument } from '../domain/ci/types.js';
import type { ValidationRun } from '../domain/validation/types.js';
import type { JobHandler, JobQueue } from '../store/job-queue.js';
import type { ProjectStore } from '../store/types.js';
import type { CiCheckRequest, CiCheckService } from './ci-check-service.js';
import type { ValidationCaller, ValidationService } from './validation-service.js';

export const JOB_NAMES = ['validation', 'ci-check'] as const;

interface ValidationJob {
  project: string;
  caller?: ValidationCaller;
}
interface CiCheckJob extends CiCheckRequest {
  project: string;
  caller?: ValidationCaller;
}
/** A stored run's id; what the asking side reads back. */
interface StoredId {
  id: string;
  reused?: boolean;
}

/** What a worker runs: the services themselves, in the worker's process. */
export function jobHandlers(services: {
  validations: Pick<ValidationService, 'validate'>;
  ciChecks: Pick<CiCheckService, 'run'>;
}): Record<(typeof JOB_NAMES)[number], JobHandler> {
  return {
    async validation(data): Promise<StoredId> {
      const { project, caller } = data as ValidationJob;
      const run = await services.validations.validate(project, caller);
      return { id: run.id, reused: run.reused === true };
    },
    async 'ci-check'(data): Promise<StoredId> {
      const { project, done, sha, caller } = data as CiCheckJob;
      const document = await services.ciChecks.run(project, { done, sha }, undefined, caller);
      return { id: document.id };
    },
  };
}

/** Validations through the queue: one job per project state (its fingerprint), the stored run reused. */
export function queuedValidationService(direct: ValidationService, jobs: JobQueue): ValidationService {
  return {
    ...direct,
    async validate(project, caller): Promise<ValidationRun> {
      const { fingerprint, run } = await direct.lookup(project);
      if (run !== null) return run;
      const stored = (await jobs.run(
        'validation',
        { project, caller } satisfies ValidationJob,
        `${project}:${fingerprint}`,
      )) as StoredId;
      const result = await direct.get(project, stored.id);
      return stored.reused ? { ...result, reused: true } : result;
    },
  };
}

/**
 * CI checks through the queue: one job per project revision, sha and set of done keys. The revision, as a
 * validation's fingerprint: whoever asks while such a job runs waits for it (job-enqueue.ts), and that job
 * read the project as it was; a project changed since is checked anew.
 */
export function queuedCiCheckService(
  direct: CiCheckService,
  jobs: JobQueue,
  projects: Pick<ProjectStore, 'revisionOf'>,
): CiCheckService {
  return {
    ...direct,
    async run(project, request, url, caller): Promise<CheckRunDocument> {
      const { revision } = await projects.revisionOf(project);
      const key = `${project}@${revision}:${request.sha}:${[...new Set(request.done)].sort().join(',')}`;
      const job: CiCheckJob = { project, done: request.done, sha: request.sha, caller };
      const stored = (await jobs.run('ci-check', job, key)) as StoredId;
      return direct.get(project, stored.id, url);
    },
  };
}
