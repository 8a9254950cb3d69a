import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CatalogSchema,
  getCatalog,
  parseScenario,
  runScenario,
  runStress,
  ScenarioSchema,
  SimReportSchema,
  StressReportSchema,
  scenarioForCheck,
  WorkloadSchema,
  workloads,
} from '../../src/runtime-sim/index.js';

describe('response schemas', () => {
  it('describe real reports, the catalog and the workloads', async () => {
    const json: unknown = JSON.parse(
      readFileSync(new URL('../../examples/scenarios/raw-handoff.json', import.meta.url), 'utf8'),
    );
    const parsed = parseScenario(json);
    if (!parsed.ok) expect.fail('invalid example');
    const report = runScenario(parsed.scenario);
    expect(SimReportSchema.strict().parse(report)).toEqual(report);
    expect(CatalogSchema.parse(getCatalog()).components).toHaveLength(getCatalog().components.length);
    for (const w of workloads) expect(WorkloadSchema.parse(w)).toEqual(w);
    const stress = await runStress(scenarioForCheck({ program: [{ op: 'gc' }] }), { timeMs: 20, passes: 1 });
    expect(StressReportSchema.parse(stress)).toEqual(stress);
  });

  it('turn into JSON Schema for the OpenAPI document', () => {
    for (const schema of [
      ScenarioSchema,
      SimReportSchema,
      CatalogSchema,
      WorkloadSchema,
      StressReportSchema,
    ]) {
      expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
    }
  });
});
