// Validation as an application service: reads the project through the stores, validates it with the
// simulator (src/domain/validation, runner injected) and stores the run. Used by the API, the CLI and
// the CI checks (src/services/ci-check-service.ts builds on `validateChange`).
import { createHash, randomUUID } from 'node:crypto';
import type { Requester } from '../domain/access/actors.js';
import type { Issue, Project } from '../domain/model.js';
import { assertKnownIssueKeys } from '../domain/unknown-issue-keys.js';
import { canonicalValidationInput } from '../domain/validation/fingerprint.js';
import type { CheckRunner, ValidationInput } from '../domain/validation/input.js';
import type { ValidationRun, ValidationRunSummary } from '../domain/validation/types.js';
import { validateProject } from '../domain/validation/validate-project.js';
import type { IssueStore, Page, PageRequest, ProjectStore, ValidationStore } from '../store/types.js';
import type { SimAdmission } from './sim-admission.js';
import { inSpan } from './spans.js';

export interface ValidationServiceDeps {
  issues: Pick<IssueStore, 'listAll'>;
  projects: Pick<ProjectStore, 'get'>;
  validations: ValidationStore;
  runner: CheckRunner;
  /** Admits each computation to the simulator's `validation` lane (default: everything runs at once). */
  admission?: Pick<SimAdmission, 'run'>;
  /** Defaults to the system clock; tests pin it. */
  now?: () => Date;
  /** Told how long each computed (not reused) validation took (the service's metrics). */
  onComputed?: (seconds: number) => void;
}

/**
 * Who asks for a validation: `client`, the unit of the simulator's per-client share
 * (src/api/http/client-key.ts), and `requester`, whom the stored run names (null: not said).
 */
export interface ValidationCaller {
  client: string;
  requester: Requester | null;
}

/** A caller in this process that does not say who it is. */
export const LOCAL_CALLER: ValidationCaller = { client: 'local', requester: null };

export interface ValidationService {
  /**
   * Validates the project as it is and stores the run. When a stored run has the same fingerprint (the
   * same input), answers that run, marked `reused: true`, without running the simulator.
   * NotFoundError for an unknown project; InvalidInputError when stored claims or checks are invalid.
   */
  validate(project: string, caller?: ValidationCaller): Promise<ValidationRun>;
  /**
   * A change that marks the `done` issues finished, from one read of the project: `before`, the project
   * as it is (as `validate` answers it: stored), and `after`, the same computation with the `done` issues
   * taken as done (not stored). InvalidInputError naming each unknown key (paths `done[i]`) before
   * anything runs.
   */
  validateChange(
    project: string,
    done: readonly string[],
    caller?: ValidationCaller,
  ): Promise<ValidatedChange>;
  /**
   * The fingerprint of the project as it is, and its stored run if there is one (marked reused): what
   * `validate` would answer without running anything. The job queue keys validations by it.
   */
  lookup(project: string): Promise<{ fingerprint: string; run: ValidationRun | null }>;
  /** NotFoundError for an unknown project or run. */
  get(project: string, id: string): Promise<ValidationRun>;
  /** Stored runs, newest first. */
  list(project: string, page: PageRequest): Promise<Page<ValidationRunSummary>>;
  /** The newest stored run, or null. */
  latest(project: string): Promise<ValidationRun | null>;
}

export interface ValidatedChange {
  /** The project's issues as read. */
  issues: Issue[];
  before: ValidationRun;
  after: ValidationRun;
}

/** A project and its issues, read once. */
interface ProjectState {
  project: Project;
  issues: Issue[];
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

  async function load(project: string): Promise<ProjectState> {
    // The project first: an unknown project is a 404 before anything else.
    const p = await deps.projects.get(project);
    const issues = await deps.issues.listAll(project);
    return { project: p, issues };
  }

  /** Runs the simulator over `input` once the admission lets it (a busy simulator refuses at once). */
  async function compute(
    revision: number,
    input: ValidationInput,
    fingerprint: string,
    caller: ValidationCaller,
  ) {
    // The duration is the simulator's, from when the admission let the run start.
    const run = async () => {
      const started = performance.now();
      const result = await inSpan('isoplan.validation', { 'isoplan.issues': input.issues.length }, () =>
        validateProject(input, deps.runner),
      );
      const ms = performance.now() - started;
      deps.onComputed?.(ms / 1000);
      return { durationMs: Math.round(ms * 1000) / 1000, result };
    };
    const { durationMs, result } = await (deps.admission
      ? deps.admission.run({ lane: 'validation', client: caller.client, costMs: 0 }, run)
      : run());
    // A job queued by a replica from before 0008 carries no requester: unknown.
    return {
      projectRevision: revision,
      fingerprint,
      durationMs,
      ...result,
      requestedBy: caller.requester ?? null,
    };
  }

  /** The stored run of the state's input, else a new run, stored; concurrent identical requests share it. */
  async function validateState(
    { project, issues }: ProjectState,
    caller: ValidationCaller,
  ): Promise<ValidationRun> {
    const input = validationInputOf(project, issues);
    const fingerprint = validationFingerprint(input);
    const stored = await deps.validations.findByFingerprint(project.slug, fingerprint);
    if (stored) return { ...stored, reused: true };
    const key = `${project.slug}\u0000${fingerprint}`;
    let pending = running.get(key);
    if (!pending) {
      pending = (async () => {
        // Looked up again inside the single flight: a run that finished (and left `running`) while this
        // request read the store above is found here instead of being computed a second time.
        const finished = await deps.validations.findByFingerprint(project.slug, fingerprint);
        if (finished) return { ...finished, reused: true };
        const run = await compute(project.revision, input, fingerprint, caller);
        return deps.validations.create(project.slug, run);
      })();
      running.set(key, pending);
      pending.then(
        () => running.delete(key),
        () => running.delete(key),
      );
    }
    return pending;
  }

  /** The state's run with the `done` issues taken as done; not stored. */
  async function evaluateState(
    state: ProjectState,
    done: ReadonlySet<string>,
    caller: ValidationCaller,
  ): Promise<ValidationRun> {
    const issues = state.issues.map((i) => (done.has(i.key) ? { ...i, status: 'done' as const } : i));
    const input = validationInputOf(state.project, issues);
    const run = await compute(state.project.revision, input, validationFingerprint(input), caller);
    return { id: randomUUID(), createdAt: now().toISOString(), ...run };
  }

  return {
    async validate(project, caller = LOCAL_CALLER) {
      return validateState(await load(project), caller);
    },

    async validateChange(project, done, caller = LOCAL_CALLER) {
      const state = await load(project);
      const known = new Set(state.issues.map((i) => i.key));
      assertKnownIssueKeys(done, (key) => known.has(key), 'done', project);
      const before = await validateState(state, caller);
      const after = await evaluateState(state, new Set(done), caller);
      return { issues: state.issues, before, after };
    },

    async lookup(project) {
      const { project: p, issues } = await load(project);
      const fingerprint = validationFingerprint(validationInputOf(p, issues));
      const stored = await deps.validations.findByFingerprint(p.slug, fingerprint);
      return { fingerprint, run: stored === null ? null : { ...stored, reused: true } };
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
