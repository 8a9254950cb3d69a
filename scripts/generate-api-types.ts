// `npm run generate:api-types`: writes src/contract/openapi.d.ts, the API's request and response types
// generated from its OpenAPI document (which the routes' zod schemas generate in turn). The app is built
// on a throw-away SQLite file and asked for its document: no server listens. The dashboard's JSDoc
// and any TypeScript client import the types from there; test/contract/openapi-types.test.ts fails
// when the committed file no longer matches the API.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/store/database.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../src/contract/openapi.d.ts', import.meta.url));
export const REGENERATE_COMMAND = 'npm run generate:api-types';

const HEADER = `// Generated from the API's OpenAPI document by scripts/generate-api-types.ts: do not edit.
// Regenerate with \`${REGENERATE_COMMAND}\` after changing a route or a zod schema.
`;

/** The API's OpenAPI document, as GET /openapi.json serves it (without an API token configured). */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'isoplan-openapi-'));
  const database = await openDatabase({ url: `file:${join(dir, 'openapi.db')}`, migrate: true });
  const app = await buildApp({ apiToken: undefined }, { database });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of src/contract/openapi.d.ts for the API as it is now. */
export async function renderApiTypes(): Promise<string> {
  const document = await buildOpenApiDocument();
  // A round trip through JSON: the document as a client receives it (no undefined, no prototypes).
  const types = await openapiTS(JSON.parse(JSON.stringify(document)), { exportType: true });
  return HEADER + types;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(API_TYPES_FILE, await renderApiTypes());
  console.log(`wrote ${API_TYPES_FILE}`);
}
