// All the stores over one Prisma client and one operation queue.
import { createAuditStore } from './audit-store.js';
import { createDependencyStore } from './dependency-store.js';
import { createIssueStore } from './issue-store.js';
import { createProjectDocumentStore } from './project-document-store.js';
import { createProjectStore } from './project-store.js';
import type { StoreContext } from './store-context.js';
import type { Stores } from './types.js';
import { createCheckRunStore, createValidationStore } from './validation-store.js';

export function createStores(ctx: StoreContext): Stores {
  return {
    projects: createProjectStore(ctx),
    issues: createIssueStore(ctx),
    dependencies: createDependencyStore(ctx),
    audit: createAuditStore(ctx),
    documents: createProjectDocumentStore(ctx),
    validations: createValidationStore(ctx),
    checkRuns: createCheckRunStore(ctx),
  };
}
