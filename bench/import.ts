// `npm run bench -- import [issues] [dependencies] [--database postgres]`: imports a generated project
// (default 10k issues and 30k dependencies) through the store (stores.documents.import: parse, validation,
// cycle search, one transaction) against the floor measured in the same run: raw better-sqlite3 inserting
// the same rows into the same tables in one transaction with prepared statements. With
// `--database postgres`, the same on PostgreSQL beside it, against raw pg inserting the same rows in one
// transaction with one INSERT … SELECT FROM unnest(arrays) per table (bench/postgres.ts finds or starts
// the server). Goal: within 5x the floor on each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { ProjectDocument } from '../src/domain/model.js';
import { defaultMigrationsDir, openDatabase } from '../src/store/database.js';
import { applyPostgresMigrations } from '../src/store/engines/postgresql.js';
import { applyMigrations, readMigrations } from '../src/store/migrate.js';
import { benchPostgres, databaseArgument } from './postgres.js';
import { seededRandom } from './seeded-random.js';

const ROUNDS = 3;

/** A deterministic project: every edge points to a lower index, so the graph is acyclic. */
export function generateDocument(issueCount: number, dependencyCount: number): ProjectDocument {
  const random = seededRandom(42);
  const key = (i: number) => `issue-${i}`;
  const issues: ProjectDocument['issues'] = [];
  for (let i = 0; i < issueCount; i++) {
    issues.push({
      key: key(i),
      title: `Generated issue ${i}`,
      body: `Body of issue ${i}`,
      status: i % 5 === 0 ? 'done' : 'open',
      estimateDays: 1 + (i % 8),
      parent: i >= 100 && i % 10 === 0 ? key(i % 100) : null,
      url: null,
      labels: i % 3 === 0 ? ['runtime-state', `group-${i % 17}`] : [`group-${i % 17}`],
      claims: [],
      checks: [],
    });
  }
  const seen = new Set<string>();
  const dependencies: ProjectDocument['dependencies'] = [];
  while (dependencies.length < dependencyCount) {
    const a = 1 + Math.floor(random() * (issueCount - 1));
    const b = Math.floor(random() * a);
    const id = `${a}:${b}`;
    if (seen.has(id)) continue;
    seen.add(id);
    dependencies.push({ issue: key(a), blockedBy: key(b) });
  }
  return {
    version: 1,
    project: { slug: 'bench', name: 'Bench', description: '', goal: [], defaultEstimateDays: 1 },
    issues,
    dependencies,
  };
}

/** The floor: the same rows, prepared statements, one transaction, nothing else. */
function rawImport(path: string, doc: ProjectDocument): number {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  applyMigrations(db, defaultMigrationsDir());
  const start = performance.now();
  const now = new Date().toISOString().replace('Z', '+00:00');
  db.transaction(() => {
    const projectId = db
      .prepare(`INSERT INTO "Project" ("slug", "name", "updatedAt") VALUES (?, ?, ?)`)
      .run(doc.project.slug, doc.project.name, now).lastInsertRowid;
    const issue = db.prepare(
      `INSERT INTO "Issue" ("projectId", "key", "title", "body", "status", "estimateDays", "parentKey", "url", "claims", "checks", "revision", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    const label = db.prepare(`INSERT INTO "IssueLabel" ("projectId", "issueKey", "label") VALUES (?, ?, ?)`);
    const edge = db.prepare(
      `INSERT INTO "Dependency" ("projectId", "issueKey", "blockerKey", "createdAt") VALUES (?, ?, ?, ?)`,
    );
    db.pragma('defer_foreign_keys = ON');
    for (const i of doc.issues) {
      issue.run(
        projectId,
        i.key,
        i.title,
        i.body,
        i.status,
        i.estimateDays,
        i.parent,
        i.url,
        '[]',
        '[]',
        now,
        now,
      );
      for (const l of i.labels) label.run(projectId, i.key, l);
    }
    for (const d of doc.dependencies) edge.run(projectId, d.issue, d.blockedBy, now);
  })();
  const ms = performance.now() - start;
  db.close();
  return ms;
}

/** The PostgreSQL floor: the same rows, one transaction, one INSERT … SELECT FROM unnest(…) per table. */
async function rawPostgresImport(url: string, doc: ProjectDocument): Promise<number> {
  await applyPostgresMigrations(
    { url, busyTimeoutMs: 5000 },
    readMigrations(defaultMigrationsDir('postgresql')),
  );
  const client = new pg.Client(url);
  await client.connect();
  try {
    const start = performance.now();
    const now = new Date();
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "Project" ("slug", "name", "updatedAt") VALUES ($1, $2, $3) RETURNING id`,
      [doc.project.slug, doc.project.name, now],
    );
    const projectId = rows[0]!.id;
    const issues = [...doc.issues].sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null));
    const column = <T>(pick: (i: (typeof issues)[number]) => T) => issues.map(pick);
    await client.query(
      `INSERT INTO "Issue" ("projectId", "key", "title", "body", "status", "estimateDays", "parentKey", "url", "claims", "checks", "revision", "createdAt", "updatedAt")
       SELECT $1, k, t, b, s, e, p, u, '[]', '[]', 1, $2, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::text[]) AS x(k, t, b, s, e, p, u)`,
      [
        projectId,
        now,
        column((i) => i.key),
        column((i) => i.title),
        column((i) => i.body),
        column((i) => i.status),
        column((i) => i.estimateDays),
        column((i) => i.parent),
        column((i) => i.url),
      ],
    );
    const labels = doc.issues.flatMap((i) => i.labels.map((l) => [i.key, l] as const));
    await client.query(
      `INSERT INTO "IssueLabel" ("projectId", "issueKey", "label") SELECT $1, k, l FROM unnest($2::text[], $3::text[]) AS x(k, l)`,
      [projectId, labels.map((x) => x[0]), labels.map((x) => x[1])],
    );
    await client.query(
      `INSERT INTO "Dependency" ("projectId", "issueKey", "blockerKey", "createdAt") SELECT $1, i, b, $2 FROM unnest($3::text[], $4::text[]) AS x(i, b)`,
      [projectId, now, doc.dependencies.map((d) => d.issue), doc.dependencies.map((d) => d.blockedBy)],
    );
    await client.query('COMMIT');
    return performance.now() - start;
  } finally {
    await client.end();
  }
}

async function storeImport(url: string, doc: ProjectDocument): Promise<number> {
  const db = await openDatabase({ url });
  try {
    await db.ping(); // Prisma's start-up is not part of the import
    const start = performance.now();
    await db.stores.documents.import(doc.project.slug, doc, { actor: 'bench' });
    return performance.now() - start;
  } finally {
    await db.close();
  }
}

function report(engine: string, floorName: string, floor: number[], store: number[]): void {
  const best = (xs: number[]) => Math.min(...xs);
  console.log(`  ${engine}:`);
  console.log(`    floor (${floorName}): ${best(floor).toFixed(0)} ms`);
  console.log(`    store (stores.documents.import): ${best(store).toFixed(0)} ms`);
  console.log(`    ratio store/floor: ${(best(store) / best(floor)).toFixed(2)}x (goal: within 5x)`);
  console.log(
    `    all rounds (ms): floor ${floor.map((x) => x.toFixed(0)).join(' ')}; store ${store.map((x) => x.toFixed(0)).join(' ')}`,
  );
}

export async function run(args: string[]): Promise<void> {
  const { engines, rest } = databaseArgument(args);
  const issueCount = Number(rest[0] ?? 10_000);
  const dependencyCount = Number(rest[1] ?? 30_000);
  const doc = generateDocument(issueCount, dependencyCount);
  console.log(`import of ${issueCount} issues and ${dependencyCount} dependencies, best of ${ROUNDS}:`);
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-'));
  try {
    const floor: number[] = [];
    const store: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floor.push(rawImport(join(dir, `raw-${round}.db`), doc));
      store.push(await storeImport(`file:${join(dir, `store-${round}.db`)}`, doc));
    }
    report('SQLite', 'raw better-sqlite3, prepared, one transaction', floor, store);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!engines.includes('postgres')) return;
  const server = await benchPostgres();
  try {
    const floor: number[] = [];
    const store: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floor.push(await rawPostgresImport(await server.database(), doc));
      store.push(await storeImport(await server.database(), doc));
    }
    report('PostgreSQL', 'raw pg, INSERT … SELECT FROM unnest per table, one transaction', floor, store);
  } finally {
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
