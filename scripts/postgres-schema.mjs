// prisma/postgresql/schema.prisma is derived from prisma/schema.prisma: the same models (one home for
// them), the `postgresql` provider, and its own generated client. Written by scripts/prisma-generate.mjs;
// a test fails while the committed file is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function postgresSchemaFile(root) {
  return join(root, 'prisma', 'postgresql', 'schema.prisma');
}

/** The PostgreSQL schema text for the SQLite schema text `sqlite`. */
export function postgresSchemaOf(sqlite) {
  const header =
    '// GENERATED from ../schema.prisma by scripts/prisma-generate.mjs: edit that file, not this one.\n' +
    '// Migrations for PostgreSQL are in ./migrations (hand-written, as for SQLite).\n\n';
  const derived = sqlite
    .replace(
      'output              = "../src/store/generated"',
      'output              = "../../src/store/generated-postgresql"',
    )
    .replace(/datasource db \{\s*provider = "sqlite"\s*\}/, 'datasource db {\n  provider = "postgresql"\n}');
  if (!derived.includes('generated-postgresql') || !derived.includes('"postgresql"')) {
    throw new Error(
      'prisma/schema.prisma: its generator output or datasource block is not the expected text',
    );
  }
  return header + derived;
}

export function writePostgresSchema(root, write) {
  const sqlite = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8');
  write(postgresSchemaFile(root), postgresSchemaOf(sqlite));
}
