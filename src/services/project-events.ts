// What a project's event stream (GET /v1/projects/:project/events) announces, and the narrow interface
// services publish through. The events are the change feed's (src/store/change-feed.ts: they travel to
// every replica); the API's event bus (src/api/plugins/event-bus.ts) implements the publisher; the CLI,
// which has no streams, passes none.
import type { PublishedEvent } from '../store/change-feed.js';

export type {
  ChangeEvent,
  IssueUnblockedEvent,
  ProjectEvent,
  PublishedEvent,
} from '../store/change-feed.js';

export interface ProjectEventPublisher {
  publish(event: PublishedEvent): void;
}
