import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script of the build, without types
import { postgresSchemaFile, postgresSchemaOf } from '../../scripts/postgres-schema.mjs';

const root = join(import.meta.dirname, '..', '..');

describe('prisma/postgresql/schema.prisma', () => {
  it('is the derivation of prisma/schema.prisma (run node scripts/prisma-generate.mjs and commit it)', () => {
    const sqlite = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8');
    expect(readFileSync(postgresSchemaFile(root), 'utf8')).toBe(postgresSchemaOf(sqlite));
  });

  it('has a migration for each SQLite migration, of the same name', () => {
    const names = (dir: string) =>
      readdirNames(join(root, 'prisma', ...dir.split('/'))).filter((name) => /^\d{4}_/.test(name));
    expect(names('postgresql/migrations')).toEqual(names('migrations'));
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
