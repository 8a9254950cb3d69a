// The demo project: on a database without any project, import data/demo/per-interpreter-gil.json
// through the same import code as the API (stores.documents.import).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConflictError } from '../domain/errors.js';
import { parseProjectDocument } from '../domain/project-document.js';
import type { Database } from './database.js';
import type { Stores } from './types.js';

/** The demo document in the repository, found from this file (src/store or dist/store), not from cwd. */
export const DEMO_FILE = fileURLToPath(new URL('../../data/demo/per-interpreter-gil.json', import.meta.url));

/** Imports the demo when the database holds no project at all; true when it did. */
export async function loadDemoIfEmpty(
  db: Pick<Database, 'stores'> | Pick<Stores, 'projects' | 'documents'>,
  file: string = DEMO_FILE,
): Promise<boolean> {
  const stores = 'stores' in db ? db.stores : db;
  const { items } = await stores.projects.list({ limit: 1 });
  if (items.length > 0) return false;
  const doc = parseProjectDocument(JSON.parse(await readFile(file, 'utf8')) as unknown);
  try {
    // Create only: replicas starting together on an empty database all find it empty, and the first
    // import must not be replaced by the others (an import into an existing project replaces it).
    await stores.documents.import(doc.project.slug, doc, { actor: 'isoplan:demo' }, { createOnly: true });
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
  return true;
}
