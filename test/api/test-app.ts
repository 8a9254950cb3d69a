// API tests run the real app against a real SQLite file in a temporary directory:
// createTestApp() migrates it and builds the app; close() removes everything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppConfig, buildApp } from '../../src/api/app.js';
import type { Issue, Project } from '../../src/domain/model.js';
import { openDatabase } from '../../src/store/database.js';
import type { IssueCreate, ProjectCreate, Stores } from '../../src/store/types.js';

export type Database = Awaited<ReturnType<typeof openDatabase>>;

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  stores: Stores;
  /** The temporary directory holding the database file. */
  dir: string;
  close(): Promise<void>;
}

export async function createTempDatabase(): Promise<{ database: Database; dir: string; url: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'isoplan-api-'));
  const url = `file:${join(dir, 'test.db')}`;
  const database = await openDatabase({ url, migrate: true });
  return { database, dir, url };
}

export async function createTestApp(config: Partial<AppConfig> = {}): Promise<TestApp> {
  const { database, dir } = await createTempDatabase();
  const app = await buildApp({ apiToken: undefined, ...config }, { database });
  return {
    app,
    database,
    stores: database.stores,
    dir,
    async close() {
      await app.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
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

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
