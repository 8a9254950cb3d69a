// All the stores over one engine (src/store/engine.ts: SQLite or PostgreSQL).
import { createAuditStore } from './audit-store.js';
import { createCiCheckRunStore } from './ci-check-run-store.js';
import { createCommitFeed } from './commit-feed.js';
import { createDependencyStore } from './dependency-store.js';
import type { Engine } from './engine.js';
import { createGithubDeliveryStore } from './github-delivery-store.js';
import { createGithubLinkStore } from './github-link-store.js';
import { createIssueStore } from './issue-store.js';
import { createProjectDocumentStore } from './project-document-store.js';
import { createProjectStore } from './project-store.js';
import { createTokenStore } from './token-store.js';
import type { Stores } from './types.js';
import { createValidationStore } from './validation-store.js';

export function createStores(engine: Engine): Stores {
  const ctx = { engine, commits: createCommitFeed() };
  return {
    projects: createProjectStore(ctx),
    issues: createIssueStore(ctx),
    dependencies: createDependencyStore(ctx),
    audit: createAuditStore(ctx),
    documents: createProjectDocumentStore(ctx),
    validations: createValidationStore(ctx),
    ciCheckRuns: createCiCheckRunStore(ctx),
    commits: ctx.commits,
    githubLinks: createGithubLinkStore(ctx),
    githubDeliveries: createGithubDeliveryStore(ctx),
    tokens: createTokenStore(ctx),
  };
}
