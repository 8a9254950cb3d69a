// `npm run bench -- import [issues] [dependencies]`: imports a generated project (default 10k issues and
// 30k dependencies) through the store (stores.documents.import: parse, validation, cycle search, one
// transaction) against the floor measured in the same run: raw better-sqlite3 inserting the same rows
// into the same tables in one transaction with prepared statements. Goal: within 5x the floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { ProjectDocument } from '../src/domain/model.js';
import { defaultMigrationsDir, openDatabase } from '../src/store/database.js';
import { applyMigrations } from '../src/store/migrate.js';
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

async function storeImport(path: string, doc: ProjectDocument): Promise<number> {
  const db = await openDatabase({ url: `file:${path}` });
  try {
    await db.ping(); // Prisma's start-up is not part of the import
    const start = performance.now();
    await db.stores.documents.import(doc.project.slug, doc, { actor: 'bench' });
    return performance.now() - start;
  } finally {
    await db.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const issueCount = Number(args[0] ?? 10_000);
  const dependencyCount = Number(args[1] ?? 30_000);
  const doc = generateDocument(issueCount, dependencyCount);
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-'));
  try {
    const floor: number[] = [];
    const store: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floor.push(rawImport(join(dir, `raw-${round}.db`), doc));
      store.push(await storeImport(join(dir, `store-${round}.db`), doc));
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(`import of ${issueCount} issues and ${dependencyCount} dependencies, best of ${ROUNDS}:`);
    console.log(`  floor (raw better-sqlite3, prepared, one transaction): ${best(floor).toFixed(0)} ms`);
    console.log(`  store (stores.documents.import):                       ${best(store).toFixed(0)} ms`);
    console.log(`  ratio store/floor: ${(best(store) / best(floor)).toFixed(2)}x (goal: within 5x)`);
    console.log(
      `  all rounds (ms): floor ${floor.map((x) => x.toFixed(0)).join(' ')}; store ${store.map((x) => x.toFixed(0)).join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
