// The ready-made Grafana dashboard (docs/grafana) and the compose profile that provisions it stay true to
// what the service exports: every metric a panel queries is one GET /metrics declares, and every file the
// compose file mounts exists.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/test-app.js';

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
}

const dashboard = JSON.parse(readFileSync('docs/grafana/isoplan-dashboard.json', 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; definition?: string }> };
};
const METRIC = /\b(?:isoplan|process|nodejs)_[a-z0-9_]+\b/g;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the Grafana dashboard', () => {
  it('queries only metrics that GET /metrics declares', async () => {
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const declared = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
    const queried = new Set(
      [
        ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => target.expr)),
        ...dashboard.templating.list.map((v) => v.definition ?? ''),
      ].flatMap((expr) => expr.match(METRIC) ?? []),
    );
    expect(queried.size).toBeGreaterThan(15);
    for (const name of queried) {
      const histogram = /^(.*)_(?:bucket|count|sum)$/.exec(name)?.[1];
      const known =
        declared.has(name) || (histogram !== undefined && declared.get(histogram) === 'histogram');
      expect(known, name).toBe(true);
    }
  });

  it('shows every project figure the issue names: progress, ready count, critical path and goal', () => {
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => target.expr)).join('\n');
    for (const name of [
      'isoplan_project_progress_ratio',
      'isoplan_project_ready_issues',
      'isoplan_project_critical_path_days',
      'isoplan_project_goal_holds',
    ]) {
      expect(exprs).toContain(name);
    }
  });

  it('shows the requests refused for want of capacity, by problem type', () => {
    const refusals = dashboard.panels.find((p) =>
      (p.targets ?? []).some((target) => target.expr.includes('isoplan_http_refusals_total')),
    );
    expect(refusals?.targets?.[0]?.expr).toMatch(/sum by \(type, status_code\)/);
  });

  // Replicas share one database: each reports its projects, the same figures, and a sum over them would
  // count each project once per replica. Deployments (Prometheus jobs) have databases of their own.
  it('counts each project once whatever the replicas, in the deployment chosen', () => {
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => target.expr));
    const selectors = exprs.flatMap((expr) => [
      ...expr.matchAll(
        /(max without \(instance\) \()?\b((?:isoplan|process|nodejs)_[a-z0-9_]+)(\{[^}]*\})?/g,
      ),
    ]);
    expect(selectors.length).toBeGreaterThan(15);
    for (const [selector, deduplicated, name, labels] of selectors) {
      expect(labels ?? '', selector).toContain('job="$job"');
      if (name?.startsWith('isoplan_project_')) expect(deduplicated, selector).toBeDefined();
    }
    const variables = dashboard.templating.list.map((v) => v.name);
    expect(variables.indexOf('job')).toBeLessThan(variables.indexOf('project'));
  });

  it('is provisioned by the compose profile from files that exist', () => {
    const compose = readFileSync('docker-compose.yml', 'utf8');
    const mounted = [...compose.matchAll(/- \.\/(docs\/[^:\s]+):/g)].map((m) => m[1] as string);
    expect(mounted).toEqual(
      expect.arrayContaining([
        'docs/grafana/isoplan-dashboard.json',
        'docs/grafana/provisioning',
        'docs/prometheus/prometheus.yml',
      ]),
    );
    for (const path of mounted) expect(existsSync(path), path).toBe(true);
    expect(compose).toMatch(/profiles: \[observability\]/);
  });
});
