// What a project's event stream (GET /v1/projects/:project/events) announces, and the narrow interface
// services publish through. The API's event bus (src/api/plugins/event-bus.ts) implements it; the CLI,
// which has no streams, passes none.

/** A write changed the project (`method` and `url` of the request). */
export interface ChangeEvent {
  type: 'change';
  project: string;
  method: string;
  url: string;
}

/**
 * An issue's last open blocker was finished (GitHub sends no such event): `finishedBlockers` are the
 * blockers whose closing unblocked it. Announced after the change is stored.
 */
export interface IssueUnblockedEvent {
  type: 'issue.unblocked';
  project: string;
  issue: string;
  title: string;
  finishedBlockers: string[];
  /** ISO 8601 time of the change. */
  at: string;
}

export type ProjectEvent = ChangeEvent | IssueUnblockedEvent;

export interface ProjectEventPublisher {
  publish(event: ProjectEvent): void;
}
