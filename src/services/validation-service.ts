// Validation as an application service: reads the project through the stores, validates it with the
// simulator (src/domain/validation, runner injected) and stores the run. Used by the API, the CLI and
// the CI checks (src/services/check-service.ts builds on `evaluate` and on stored runs).
import { createHash, randomUUID } from 'node:crypto';
import { InvalidInputError } from '../domain/errors.js';
import type { Issue, Project } from '../domain/model.js';
import { canonicalValidationInput } from '../domain/validation/fingerprint.js';
import type { CheckRunner, ValidationInput } from '../domain/validation/input.js';
import type { ValidationRun, ValidationRunSummary } from '../domain/validation/types.js';
import { validateProject } from '../domain/validation/validate-project.js';
import type { IssueStore, Page, PageRequest, ProjectStore, ValidationStore } from '../store/types.js';

export interface ValidationServiceDeps {
  issues: Pick<IssueStore, 'listAll'>;
  projects: Pick<ProjectStore, 'get'>;
  validations: ValidationStore;
  runner: CheckRunner;
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
}

export interface ValidationService {
  /**
   * Validates the project as it is and stores the run. When a stored run has the same fingerprint (the
   * same input), answers that run, marked `reused: true`, without running the simulator.
   * NotFoundError for an unknown project; InvalidInputError when stored claims or checks are invalid.
   */
  validate(project: string): Promise<ValidationRun>;
  /**
   * The same computation with the `assumeDone` issues taken as done; not stored. InvalidInputError
   * naming each unknown key (paths `assumeDone[i]`).
   */
  evaluate(project: string, opts: { assumeDone: string[] }): Promise<ValidationRun>;
  /** NotFoundError for an unknown project or run. */
  get(project: string, id: string): Promise<ValidationRun>;
  /** Stored runs, newest first. */
  list(project: string, page: PageRequest): Promise<Page<ValidationRunSummary>>;
  /** The newest stored run, or null. */
  latest(project: string): Promise<ValidationRun | null>;
}

/** The validation input of a project's stored state. */
export function validationInputOf(project: Project, issues: readonly Issue[]): ValidationInput {
  return {
    issues: issues.map((i) => ({ key: i.key, status: i.status, claims: i.claims, checks: i.checks })),
    edges: issues.flatMap((i) => i.blockedBy.map((blockedBy) => ({ issue: i.key, blockedBy }))),
    goal: project.goal,
  };
}

export function validationFingerprint(input: ValidationInput): string {
  return createHash('sha256').update(canonicalValidationInput(input)).digest('hex');
}

export function createValidationService(deps: ValidationServiceDeps): ValidationService {
  const now = deps.now ?? (() => new Date());
  /** Runs in progress by project and fingerprint: concurrent identical requests share one run. */
  const running = new Map<string, Promise<ValidationRun>>();

  async function load(project: string) {
    // The project first: an unknown project is a 404 before anything else.
    const p = await deps.projects.get(project);
    const issues = await deps.issues.listAll(project);
    return { project: p, issues };
  }

  async function compute(revision: number, input: ValidationInput, fingerprint: string) {
    const started = performance.now();
    const result = await validateProject(input, deps.runner);
    return {
      projectRevision: revision,
      fingerprint,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      ...result,
    };
  }

  return {
    async validate(project) {
      const state = await load(project);
      const input = validationInputOf(state.project, state.issues);
      const fingerprint = validationFingerprint(input);
      const stored = await deps.validations.findByFingerprint(project, fingerprint);
      if (stored) return { ...stored, reused: true };
      const key = `${project}\u0000${fingerprint}`;
      let pending = running.get(key);
      if (!pending) {
        pending = (async () => {
          const run = await compute(state.project.revision, input, fingerprint);
          return deps.validations.create(project, run);
        })();
        running.set(key, pending);
        pending.then(
          () => running.delete(key),
          () => running.delete(key),
        );
      }
      return pending;
    },

    async evaluate(project, opts) {
      const state = await load(project);
      const keys = new Set(state.issues.map((i) => i.key));
      const unknown = opts.assumeDone.flatMap((key, i) =>
        keys.has(key) ? [] : [{ path: `assumeDone[${i}]`, message: `unknown issue '${key}'` }],
      );
      if (unknown.length > 0) {
        throw new InvalidInputError(
          `unknown issue keys in project '${project}': ${opts.assumeDone.filter((k) => !keys.has(k)).join(', ')}`,
          unknown,
        );
      }
      const done = new Set(opts.assumeDone);
      const issues = state.issues.map((i) => (done.has(i.key) ? { ...i, status: 'done' as const } : i));
      const input = validationInputOf(state.project, issues);
      const run = await compute(state.project.revision, input, validationFingerprint(input));
      return { id: randomUUID(), createdAt: now().toISOString(), ...run };
    },

    get(project, id) {
      return deps.validations.get(project, id);
    },

    list(project, page) {
      return deps.validations.list(project, page);
    },

    latest(project) {
      return deps.validations.latest(project);
    },
  };
}
