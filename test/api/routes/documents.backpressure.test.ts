// A large export is written as its client reads: clients that never read cost the server next to nothing
// (they share the one serialized document), and a client that reads still gets the whole of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../../src/domain/model.js';
import { documentIssue, projectDocument } from '../../domain/project-document-builders.js';
import { exchange, openSocket } from '../raw-http.js';
import { stalledClients } from '../stalled-clients.js';
import { createTestApp, listenOnLoopback, type TestApp } from '../test-app.js';

const CLIENTS = 100;
const MIB = 1024 * 1024;

let t: TestApp;
let port: number;
let exportBytes: number;
beforeAll(async () => {
  t = await createTestApp();
  port = await listenOnLoopback(t.app);
  // About 4 MB of export: 2,000 issues with 2 kB descriptions, each blocked by the one before.
  const issues = Array.from({ length: 2000 }, (_, i) =>
    documentIssue(`issue-${String(i).padStart(4, '0')}`, { body: `${i} `.padEnd(2000, 'lorem ipsum ') }),
  );
  const edges = issues
    .slice(1)
    .map((issue, i) => ({ issue: issue.key, blockedBy: issues[i]?.key as string }));
  await t.stores.documents.import('large', projectDocument('large', issues, edges), { actor: 'fixture' });
  const first = await fetch(`http://127.0.0.1:${port}/v1/projects/large/export`);
  exportBytes = (await first.arrayBuffer()).byteLength;
}, 120_000);
afterAll(() => t.close());

const EXPORT_REQUEST = 'GET /v1/projects/large/export HTTP/1.1\r\nHost: x\r\n\r\n';

describe('GET /v1/projects/:project/export under slow clients', () => {
  it(`costs under 200 MiB for ${CLIENTS} clients that never read a 4 MB export`, async () => {
    expect(exportBytes).toBeGreaterThan(4_000_000);
    const { statuses, grownMiB } = await stalledClients(port, EXPORT_REQUEST, CLIENTS);
    expect(new Set(statuses)).toEqual(new Set(['HTTP/1.1 200']));
    console.log(
      `${CLIENTS} never-reading clients of a ${(exportBytes / MIB).toFixed(1)} MiB export: +${grownMiB.toFixed(1)} MiB RSS at the peak`,
    );
    expect(grownMiB).toBeLessThan(200);
  });

  it('gives a client that reads slowly the whole export, intact', async () => {
    const socket = await openSocket(port);
    try {
      socket.pause();
      socket.write(EXPORT_REQUEST);
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.resume();
      const res = await exchange(socket, [], { timeoutMs: 30_000 });
      expect(res.status).toBe(200);
      expect(Number(res.headers['content-length'])).toBe(exportBytes);
      const doc = JSON.parse(res.body) as ProjectDocument;
      expect(doc.issues).toHaveLength(2000);
      expect(doc.dependencies).toHaveLength(1999);
    } finally {
      socket.destroy();
    }
  });

  it('answers 304 to If-None-Match with the current ETag, sending nothing', async () => {
    const first = await t.app.inject({ url: '/v1/projects/large/export' });
    const again = await t.app.inject({
      url: '/v1/projects/large/export',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});
