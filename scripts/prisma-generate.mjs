// Generates the Prisma Client into src/store/generated.
// The Prisma 7 CLI wants to download a schema-engine binary that `generate`
// never runs; pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file stops
// the download (these machines reach no binary host). Migrations are applied by
// the service itself (src/store/migrate.ts), so the engine is never needed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
