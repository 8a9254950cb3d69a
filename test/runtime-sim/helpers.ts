import { expect } from 'vitest';
import {
  parseScenario,
  runScenario,
  type Scenario,
  type SimReport,
  type Violation,
} from '../../src/runtime-sim/index.js';

/** Parses a scenario that must be valid (the test fails with the problems otherwise). */
export function valid(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) expect.fail(`invalid scenario: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

export function run(input: unknown, options?: { detectors?: boolean }): SimReport {
  return runScenario(valid(input), { ...options, timing: false });
}

export function kinds(report: SimReport, component?: string): string[] {
  return [
    ...new Set(
      report.violations
        .filter((v) => component === undefined || v.component === component)
        .map((v) => v.kind),
    ),
  ].sort();
}

export function find(report: SimReport, kind: Violation['kind'], component?: string): Violation[] {
  return report.violations.filter(
    (v) => v.kind === kind && (component === undefined || v.component === component),
  );
}

/** main + one subinterpreter with the given config, both running `program` (sub's own unless given). */
export function twoInterpreters(
  program: unknown[],
  options: {
    layout?: Record<string, string>;
    config?: Record<string, unknown>;
    subProgram?: unknown[];
    runs?: number;
    seed?: number;
    python?: string;
    extensions?: unknown[];
  } = {},
): unknown {
  return {
    seed: options.seed ?? 1,
    runs: options.runs ?? 5,
    ...(options.python ? { python: options.python } : {}),
    layout: options.layout ?? {},
    extensions: options.extensions ?? [],
    interpreters: [
      { name: 'main', program },
      {
        name: 'sub',
        config: options.config ?? { preset: 'isolated' },
        program: options.subProgram ?? program,
      },
    ],
  };
}

/**
 * A scenario document of two interpreters churning tuples, `times` allocations and frees each, `runs`
 * times: work of a chosen size (estimateCost 8.5 units per `times` and run), for tests of the simulator's
 * workers and admission.
 */
export function churnDocument(times: number, runs = 1) {
  return {
    name: 'churn',
    seed: 1,
    runs,
    interpreters: ['main', 'sub'].map((name) => ({
      name,
      program: [
        {
          op: 'repeat',
          times,
          body: [
            { op: 'alloc', type: 'tuple', as: 't' },
            { op: 'free', ref: 't' },
          ],
        },
      ],
    })),
  };
}
