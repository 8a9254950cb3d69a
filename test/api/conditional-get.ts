// Conditional GETs in API tests: what a client holding one representation's ETag gets for another.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/**
 * Each of `queries` on `url`, asked with If-None-Match `etag` (the tag of another query's answer), is
 * answered in full (200) under a tag of its own.
 */
export async function expectAnsweredInFull(
  app: FastifyInstance,
  url: string,
  etag: string,
  queries: readonly string[],
): Promise<void> {
  for (const query of queries) {
    const res = await app.inject({
      method: 'GET',
      url: `${url}?${query}`,
      headers: { 'if-none-match': etag },
    });
    expect(res.statusCode, query).toBe(200);
    expect(res.headers.etag, query).not.toBe(etag);
  }
}
