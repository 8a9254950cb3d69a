// The disk fills during a write, over HTTP: a 507 problem, nothing half-written, reads still served.
// test/store/temp-database.ts's fillDisk stands in for a full filesystem (SQLite's size limit; PostgreSQL's
// own disk_full error).
import { afterEach, describe, expect, it } from 'vitest';
import { generateDocument } from '../../bench/import.js';
import { PROBLEM_BASE } from '../../src/domain/errors.js';
import { fillDisk } from '../store/temp-database.js';
import { createTestApp, givenProject, PROBLEM_JSON, type TestApp } from './test-app.js';

describe('an import that fills the disk', () => {
  let t: TestApp | undefined;
  let makeRoom: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await makeRoom?.();
    makeRoom = undefined;
    await t?.close();
    t = undefined;
  });

  it('answers 507 storage-full as a problem, changes nothing, and the service keeps serving', async () => {
    t = await createTestApp();
    const project = await givenProject(t.stores);
    const url = `/v1/projects/${project.slug}`;
    const before = await t.app.inject({ method: 'GET', url: `${url}/export` });
    makeRoom = await fillDisk(t.database);

    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/import`,
      payload: generateDocument(500, 1000),
    });
    expect(res.statusCode).toBe(507);
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}storage-full`, status: 507 });

    const after = await t.app.inject({ method: 'GET', url: `${url}/export` });
    expect(after.statusCode).toBe(200);
    expect(after.body).toBe(before.body);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
