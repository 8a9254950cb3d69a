import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../../src/domain/errors.js';
import { MAX_NESTING } from '../../../src/runtime-sim/index.js';
import { createTestApp, givenProject, PROBLEM_JSON, type TestApp } from '../test-app.js';

/** A simulator program of `levels` nested `repeat`s around one op (two JSON levels per repeat). */
function nestedProgram(levels: number): unknown[] {
  let body: unknown[] = [{ op: 'gc' }];
  for (let i = 0; i < levels; i++) body = [{ op: 'repeat', times: 1, body }];
  return body;
}

describe('request bodies nested too deeply', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are a 400 naming the body, not a stack overflow (500), for a scenario and for an issue check', async () => {
    const project = await givenProject(t.stores);
    const program = nestedProgram(1000);
    const requests = [
      { url: '/v1/sim/run', payload: { seed: 1, interpreters: [{ name: 'main', program }] } },
      {
        url: `/v1/projects/${project.slug}/issues`,
        payload: { key: 'deep', title: 'Deep', checks: [{ name: 'c', program }] },
      },
    ];
    for (const { url, payload } of requests) {
      const res = await t.app.inject({ method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.json()).toMatchObject({
        type: `${PROBLEM_BASE}invalid-input`,
        errors: [{ path: 'body', message: `nested more than ${MAX_NESTING} levels deep` }],
      });
    }
    expect((await t.app.inject({ url: `/v1/projects/${project.slug}/issues/deep` })).statusCode).toBe(404);
  });

  it('leaves ordinary nesting alone', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run',
      payload: { seed: 1, interpreters: [{ name: 'main', program: nestedProgram(10) }] },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});
