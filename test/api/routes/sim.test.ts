import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCost, parseScenario, runScenario } from '../../../src/runtime-sim/index.js';
import { INLINE_COST } from '../../../src/services/inline-simulation.js';
import { createTestApp, type TestApp } from '../test-app.js';

const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../examples/scenarios/${name}.json`, import.meta.url), 'utf8'));

describe('simulator routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs the shared tuple free list example and reports its violations', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run',
      payload: example('tuple-churn-shared'),
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.violations.map((v: { component: string }) => v.component)).toContain('freelist.tuple');
  });

  it('runs the isolated tuple free list example clean', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run',
      payload: example('tuple-churn-isolated'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, violations: [] });
  });

  it('gives the same report for the same scenario and seed', async () => {
    const run = async () =>
      (
        await t.app.inject({ method: 'POST', url: '/v1/sim/run', payload: example('tuple-churn-shared') })
      ).json();
    const [a, b] = [await run(), await run()];
    a.stats.durationMs = 0;
    b.stats.durationMs = 0;
    expect(a).toEqual(b);
  });

  it('runs a scenario too large for the event loop on a worker thread, with the same report', async () => {
    const scenario = { ...example('tuple-churn-shared'), runs: 120 };
    const parsed = parseScenario(scenario);
    if (!parsed.ok) throw new Error('example must parse');
    expect(estimateCost(parsed.scenario)).toBeGreaterThan(INLINE_COST);
    let workerRuns = 0;
    const original = t.app.services.simPool.runScenario;
    t.app.services.simPool.runScenario = (s) => {
      workerRuns++;
      return original(s);
    };
    try {
      const res = await t.app.inject({ method: 'POST', url: '/v1/sim/run', payload: scenario });
      expect(res.statusCode).toBe(200);
      expect(workerRuns).toBe(1);
      const report = res.json();
      report.stats.durationMs = 0;
      expect(report).toEqual(runScenario(parsed.scenario, { timing: false }));
    } finally {
      t.app.services.simPool.runScenario = original;
    }
  });

  it('refuses an invalid scenario with a 400 that lists every problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run',
      payload: {
        layout: { 'freelist.nope': 'per-interpreter' },
        interpreters: [{ name: 'main', program: [{ op: 'free', ref: 'neverBound' }, { op: 'fly' }] }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith('body.layout'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('body.interpreters[0].program[0]'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('body.interpreters[0].program[1]'))).toBe(true);
  });

  it('refuses a scenario with a 200 kB interpreter name with a short 400', async () => {
    const name = `i${'x'.repeat(200_000)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run',
      payload: {
        interpreters: [
          { name: 'main', program: [] },
          { name, program: [] },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: 'body.interpreters[1].name' }));
    expect(res.body.length).toBeLessThan(4000);
  });

  it('runs stress mode on request and counts no lost updates for atomic placement', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sim/run?stress=true&timeMs=100',
      payload: {
        layout: { 'freelist.tuple': 'atomic', obmalloc: 'atomic' },
        interpreters: [
          { name: 'main', program: [{ op: 'workload', name: 'tuple-churn' }] },
          { name: 'sub', program: [{ op: 'workload', name: 'tuple-churn' }] },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const { stress } = res.json();
    expect(stress.updates).toBeGreaterThan(0);
    expect(stress.lostUpdates).toBe(0);
  });

  it('serves the catalog with the free lists, the singletons and the C globals of globals-to-fix', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/sim/catalog' });
    expect(res.statusCode).toBe(200);
    const ids = new Set(res.json().components.map((c: { id: string }) => c.id));
    for (const id of [
      'freelist.tuple',
      'singleton.None',
      'obmalloc',
      'ceval.gil_drop_request',
      'unicode.interned',
    ]) {
      expect(ids.has(id)).toBe(true);
    }
    expect(
      res.json().components.filter((c: { kind: string }) => c.kind === 'c-global').length,
    ).toBeGreaterThan(100);
  });

  it('serves the named workloads with their programs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/sim/workloads' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((w: { name: string }) => w.name);
    expect(names).toEqual(expect.arrayContaining(['tuple-churn', 'intern-strings', 'singletons', 'signals']));
  });
});
