// API tests run the real app against a real SQLite file in a temporary directory:
// createTestApp() migrates it (test/store/temp-database.ts) and builds the app; close() removes everything.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import { type AppConfig, type AppDeps, buildApp } from '../../src/api/app.js';
import type { ApiToken } from '../../src/domain/access/api-token.js';
import { lastFourOf, newTokenSecret, tokenDigest } from '../../src/domain/access/token-secret.js';
import type { Issue, Project } from '../../src/domain/model.js';
import type { Database, DatabaseOptions } from '../../src/store/database.js';
import type { IssueCreate, NewApiToken, ProjectCreate, Stores } from '../../src/store/types.js';
import { createTempDatabase } from '../store/temp-database.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** The database's URL (open it again from another process). */
  url: string;
  stores: Stores;
  /** The temporary directory holding the database file. */
  dir: string;
  close(): Promise<void>;
}

export async function createTestApp(
  config: Partial<AppConfig> = {},
  deps: Omit<AppDeps, 'database'> = {},
  databaseOptions: Partial<DatabaseOptions> = {},
  server: FastifyHttpOptions<Server> = {},
): Promise<TestApp> {
  const temp = await createTempDatabase(databaseOptions);
  // No rate limit unless a test asks for one: a test's requests are not a client's minute.
  const app = await buildApp(
    { apiToken: undefined, rateLimit: 0, ...config },
    { ...deps, database: temp.db },
    server,
  );
  return {
    app,
    database: temp.db,
    url: temp.url,
    stores: temp.db.stores,
    dir: temp.dir,
    async close() {
      await app.close();
      await temp.cleanup();
    },
  };
}

/** Listens on a free loopback port; answers the port. */
export async function listenOnLoopback(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as AddressInfo).port;
}

// Fixtures: small builders that write through the store, not through the API under test.

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

export function givenProject(stores: Stores, input: Partial<ProjectCreate> = {}): Promise<Project> {
  return stores.projects.create(
    { slug: unique('project'), name: 'A project', ...input },
    { actor: 'fixture' },
  );
}

export function givenIssue(
  stores: Stores,
  project: string,
  input: Partial<IssueCreate> = {},
): Promise<Issue> {
  return stores.issues.create(
    project,
    { key: unique('issue'), title: 'An issue', ...input },
    { actor: 'fixture' },
  );
}

export async function givenEdge(
  stores: Stores,
  project: string,
  issue: string,
  blockedBy: string,
): Promise<void> {
  await stores.dependencies.add(project, { issue, blockedBy }, { actor: 'fixture' });
}

/** A token written through the store (an expired or revoked one too), with its secret. */
export async function givenToken(
  stores: Stores,
  input: Partial<Omit<NewApiToken, 'digest' | 'lastFour'>> & { revoked?: boolean } = {},
): Promise<{ secret: string; token: ApiToken; bearer: { authorization: string } }> {
  const { revoked, ...fields } = input;
  const secret = newTokenSecret();
  let token = await stores.tokens.create({
    name: unique('token'),
    scope: 'read',
    project: null,
    createdBy: 'fixture',
    expiresAt: new Date(Date.now() + 86_400_000),
    ...fields,
    digest: tokenDigest(secret),
    lastFour: lastFourOf(secret),
  });
  if (revoked === true) token = await stores.tokens.revoke(token.id, new Date(), 'fixture');
  return { secret, token, bearer: { authorization: `Bearer ${secret}` } };
}

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
