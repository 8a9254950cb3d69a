// The stores' committed writes, announced in commit order once each transaction has committed (never for
// one rolled back): which project, its revision after the write, and what the write did to the project's
// plan input (src/domain/plan/input-changes.ts). The plan service keeps each cached plan input current
// with it instead of reading the project again. In-process only: a write by another process (the CLI on
// the same file, another replica) is not announced; readers see it by the project's revision, as before.
import type { InputChange } from '../domain/plan/input-changes.js';
import type { PlanRow } from './types.js';

export interface ProjectCommit {
  project: string;
  /** The project's revision after the write (each write bumps it by one). */
  revision: number;
  /** The write's effect on the plan input, step by step; null when steps cannot say it (an import, a delete). */
  changes: InputChange<PlanRow>[] | null;
  /** The write deleted the project. */
  deleted?: true;
}

export type CommitListener = (commit: ProjectCommit) => void;

export interface CommitFeed {
  /** Listens to every commit; returns the function that stops listening. */
  subscribe(listener: CommitListener): () => void;
}

export interface CommitPublisher extends CommitFeed {
  publish(commit: ProjectCommit): void;
}

export function createCommitFeed(onListenerError: (error: unknown) => void = () => {}): CommitPublisher {
  const listeners = new Set<CommitListener>();
  return {
    publish(commit) {
      for (const listener of [...listeners]) {
        try {
          listener(commit);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
