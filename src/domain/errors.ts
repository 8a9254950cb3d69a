// Domain errors: thrown by domain and store code, turned into RFC 9457
// problem+json in exactly one place (src/api/plugins/error-handler.ts).
// `type` is stable: clients may switch on it. Extension members (e.g. `cycle`)
// travel as top-level fields of the problem document.

export type ProblemExtensions = Record<string, unknown>;

export interface DomainErrorInit {
  /** Stable short name, e.g. `dependency-cycle`; the problem `type` is PROBLEM_BASE + name. */
  type: string;
  title: string;
  status: number;
  detail: string;
  extensions?: ProblemExtensions;
}

export const PROBLEM_BASE = 'https://isoplan.dev/problems/';

export class DomainError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly extensions: ProblemExtensions;

  constructor(init: DomainErrorInit) {
    super(init.detail);
    this.name = new.target.name;
    this.type = init.type;
    this.title = init.title;
    this.status = init.status;
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super({
      type: 'not-found',
      title: 'Not found',
      status: 404,
      detail: `${what} '${id}' does not exist`,
      extensions: { resource: what, id },
    });
  }
}

/**
 * Whether `error` says that a `resource` (`issue`, `project`) does not exist: a NotFoundError, or the 404
 * problem the API answered with it (a client's DomainError keeps its extensions).
 */
export function isNotFound(error: unknown, resource: string): error is DomainError {
  return error instanceof DomainError && error.status === 404 && error.extensions.resource === resource;
}

export class ConflictError extends DomainError {
  constructor(detail: string, extensions?: ProblemExtensions) {
    super({ type: 'conflict', title: 'Conflict', status: 409, detail, extensions });
  }
}

/** A new token's name looks like a live token's other name (src/domain/access/confusable-names.ts). */
export class ConfusableNameError extends DomainError {
  constructor(name: string, existing: { id: string; name: string }) {
    super({
      type: 'confusable-token-name',
      title: 'Token name looks like another',
      status: 409,
      detail: `the name '${name}' looks like '${existing.name}', the name of live token ${existing.id}: every history would show them alike; take a name that looks different, or the same name`,
      extensions: { name, confusableWith: existing },
    });
  }
}

/** Adding the edge would close a cycle; `cycle` lists the keys along it, first key repeated last. */
export class DependencyCycleError extends DomainError {
  constructor(readonly cycle: string[]) {
    super({
      type: 'dependency-cycle',
      title: 'Dependency would create a cycle',
      status: 409,
      detail: `the dependency would close the cycle ${cycle.join(' -> ')}`,
      extensions: { cycle },
    });
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(expected: string, actual: string) {
    super({
      type: 'precondition-failed',
      title: 'Precondition failed',
      status: 412,
      detail: `If-Match ${expected} does not match the current ETag ${actual}`,
      extensions: { currentETag: actual },
    });
  }
}

/**
 * The forecast's dates would pass the last ISO calendar date (9999-12-31, four-digit years): e.g. a
 * century of work for a tenth of a person. Nothing to serve: the team or the estimates must change.
 */
export class BeyondCalendarError extends DomainError {
  constructor(detail: string, lastDate: string) {
    super({
      type: 'forecast-beyond-calendar',
      title: 'The forecast runs past the calendar',
      status: 422,
      detail,
      extensions: { lastDate },
    });
  }
}

/** One problem found in a request's content, located by a JSON path. */
export interface InvalidItem {
  path: string;
  message: string;
}

/** Input that parses but makes no sense (unknown key, duplicate, cycle...). Lists every problem. */
export class InvalidInputError extends DomainError {
  constructor(
    detail: string,
    readonly errors: InvalidItem[],
    extensions?: ProblemExtensions,
  ) {
    super({
      type: 'invalid-input',
      title: 'Invalid input',
      status: 400,
      detail,
      extensions: { errors, ...extensions },
    });
  }
}

/**
 * The error a DomainError's parts describe (they crossed a thread or process boundary as plain data), of
 * its own class again where callers tell errors apart by class: an InvalidInputError for `invalid-input`
 * (its `errors` can be relocated), a BeyondCalendarError for `forecast-beyond-calendar`; else a DomainError.
 */
export function domainErrorFrom(init: DomainErrorInit): DomainError {
  if (init.type === 'invalid-input') {
    const { errors, ...extensions } = init.extensions ?? {};
    return new InvalidInputError(init.detail, (errors ?? []) as InvalidItem[], extensions);
  }
  if (init.type === 'forecast-beyond-calendar') {
    return new BeyondCalendarError(init.detail, String(init.extensions?.lastDate ?? ''));
  }
  return new DomainError(init);
}
