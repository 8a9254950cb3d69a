// Exports of whole projects (GET /v1/projects/:project/export) as JSON bytes, serialized once per project
// revision and shared: a hundred clients reading (or never reading) the same 4 MB export hold one buffer
// between them, written to each in chunks as it reads (src/api/http/json-bytes.ts), where each used to
// hold its own document, string and buffer (100 never-reading clients took the process to 2 GiB).
// Cached by (slug, creation time, revision) like plans (plan-service.ts), least recently used dropped
// first past `maxBytes`; concurrent misses share one read. A reader keeps its buffer alive after eviction.
import type { ProjectDocumentStore, ProjectStore } from '../store/types.js';

export interface ExportServiceDeps {
  projects: Pick<ProjectStore, 'revisionOf'>;
  documents: Pick<ProjectDocumentStore, 'export'>;
}

export interface ExportServiceOptions {
  /** Bytes of exports kept (default 64 MiB); the most recent one is kept whatever its size. */
  maxBytes?: number;
}

export interface ExportService {
  /** The project's document (ProjectDocument, version 1) as UTF-8 JSON; NotFoundError for an unknown project. */
  exportJson(project: string): Promise<{ revision: number; createdAt: number; body: Buffer }>;
}

interface Entry {
  revision: number;
  createdAt: number;
  body: Promise<Buffer>;
  bytes: number;
}

export function createExportService(
  deps: ExportServiceDeps,
  options: ExportServiceOptions = {},
): ExportService {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const cache = new Map<string, Entry>();

  function evict(): void {
    let total = 0;
    for (const entry of cache.values()) total += entry.bytes;
    // Oldest first; the newest entry stays.
    for (const [slug, entry] of cache) {
      if (total <= maxBytes || cache.size <= 1) return;
      cache.delete(slug);
      total -= entry.bytes;
    }
  }

  return {
    async exportJson(slug) {
      // The cache check without reading the project (one prepared statement, as for plans).
      const { revision, createdAt } = await deps.projects.revisionOf(slug);
      let entry = cache.get(slug);
      if (entry === undefined || entry.revision !== revision || entry.createdAt !== createdAt) {
        const fresh: Entry = {
          revision,
          createdAt,
          bytes: 0,
          body: deps.documents.export(slug).then((document) => Buffer.from(JSON.stringify(document))),
        };
        entry = fresh;
        fresh.body.then(
          (body) => {
            fresh.bytes = body.length;
            evict();
          },
          () => {
            // A failed read is not kept: the next call reads afresh.
            if (cache.get(slug) === fresh) cache.delete(slug);
          },
        );
      }
      // Most recently used last.
      cache.delete(slug);
      cache.set(slug, entry);
      return { revision: entry.revision, createdAt: entry.createdAt, body: await entry.body };
    },
  };
}
