// Generates the Prisma Clients: src/store/generated (SQLite, from prisma/schema.prisma) and
// src/store/generated-postgresql (PostgreSQL, from prisma/postgresql/schema.prisma, which this script
// first writes from prisma/schema.prisma: the same models, another datasource provider and output).
// The Prisma 7 CLI wants to download a schema-engine binary that `generate`
// never runs; pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file stops
// the download (these machines reach no binary host). Migrations are applied by
// the service itself (src/store/migrate.ts), so the engine is never needed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresSchemaFile, writePostgresSchema } from './postgres-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

writePostgresSchema(root, writeFileSync);
for (const schema of [join(root, 'prisma', 'schema.prisma'), postgresSchemaFile(root)]) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
    stdio: 'inherit',
    env,
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
