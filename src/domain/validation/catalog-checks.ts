// Claims, checks and goals checked against the simulator's catalog: every unknown component, placement
// or workload and every invalid program is listed with its path (never only the first).
import {
  getComponent,
  getWorkload,
  type Op,
  parseScenario,
  placementProblems,
  scenarioForCheck,
} from '../../runtime-sim/index.js';
import { InvalidInputError, type InvalidItem } from '../errors.js';
import type { Check, Claim } from '../model.js';
import type { SimCheck } from './input.js';

/**
 * What a write carries for the simulator (an issue's claims and checks, a project's goal), checked against
 * the catalog before it is stored: bad input is refused at the door, not found later by a validation.
 * Paths are the fields' names (`claims[0].component`).
 */
export function runtimeFieldProblems(fields: {
  claims?: readonly Claim[];
  checks?: readonly Check[];
  goal?: readonly Check[];
}): InvalidItem[] {
  return [
    ...(fields.claims === undefined ? [] : claimProblems(fields.claims, 'claims')),
    ...(fields.checks === undefined ? [] : checkProblems(fields.checks, 'checks')),
    ...(fields.goal === undefined ? [] : checkProblems(fields.goal, 'goal')),
  ];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems of a list of claims; `path` prefixes each problem's path (e.g. `body`). Never throws. */
export function claimProblems(claims: readonly Claim[], path: string): InvalidItem[] {
  // Typed input, but imports and stores may hand over anything: a bad shape is a problem, not a crash.
  if (!Array.isArray(claims)) return [{ path, message: 'claims must be an array' }];
  const problems: InvalidItem[] = [];
  const seen = new Map<string, number>();
  claims.forEach((claim: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(claim) || typeof claim.component !== 'string' || typeof claim.placement !== 'string') {
      problems.push({ path: at, message: 'a claim is { component: string, placement: string }' });
      return;
    }
    // The simulator's rule for a layout entry, at the claim's fields; a component claimed twice is the
    // claims' own rule (reported with the component's problems).
    const entry = placementProblems(claim.component, claim.placement);
    const report = (field: 'component' | 'placement') => {
      for (const p of entry)
        if (p.field === field) problems.push({ path: `${at}.${field}`, message: p.message });
    };
    report('component');
    if (getComponent(claim.component)) {
      const first = seen.get(claim.component);
      if (first !== undefined) {
        problems.push({
          path: `${at}.component`,
          message: `component '${claim.component}' is already claimed at ${path}[${first}]`,
        });
      } else seen.set(claim.component, i);
    }
    report('placement');
  });
  return problems;
}

/** Problems of a list of checks: unknown workloads, invalid programs (the simulator's own problems). Never throws. */
export function checkProblems(checks: readonly Check[], path: string): InvalidItem[] {
  if (!Array.isArray(checks)) return [{ path, message: 'checks must be an array' }];
  const problems: InvalidItem[] = [];
  const names = new Map<string, number>();
  checks.forEach((raw: unknown, i) => {
    const at = `${path}[${i}]`;
    if (
      !isRecord(raw) ||
      typeof raw.name !== 'string' ||
      ('workload' in raw ? typeof raw.workload !== 'string' : !('program' in raw))
    ) {
      problems.push({
        path: at,
        message: 'a check is { name: string, workload: string } or { name: string, program: [op] }',
      });
      return;
    }
    const check = raw as Check;
    const first = names.get(check.name);
    if (first !== undefined) {
      problems.push({
        path: `${at}.name`,
        message: `check '${check.name}' is already defined at ${path}[${first}]`,
      });
    } else names.set(check.name, i);
    if ('workload' in check) {
      if (!getWorkload(check.workload)) {
        problems.push({
          path: `${at}.workload`,
          message: `unknown workload '${check.workload}' (see GET /v1/sim/workloads)`,
        });
      }
      return;
    }
    const parsed = parseScenario(scenarioForCheck({ program: check.program as Op[] }));
    if (parsed.ok) return;
    const seen = new Set<string>();
    for (const problem of parsed.problems) {
      // The program runs in every interpreter: report each problem once, at the check's own path.
      const match = /^interpreters\[\d+\]\.program(.*)$/.exec(problem.path);
      const where = match ? `${at}.program${match[1]}` : `${at}.program`;
      const key = `${where}\u0000${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ path: where, message: problem.message });
    }
  });
  return problems;
}

/** InvalidInputError listing every problem, or nothing. */
export function assertNoProblems(problems: InvalidItem[], what: string): void {
  if (problems.length > 0) {
    throw new InvalidInputError(
      `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'} against the simulator's catalog`,
      problems,
    );
  }
}

/** A valid check as the simulator runs it (a workload check becomes its workload's program). */
export function resolveCheck(check: Check): SimCheck {
  if ('workload' in check) {
    const workload = getWorkload(check.workload);
    if (!workload) throw new Error(`unknown workload '${check.workload}' (validate checks first)`);
    return { name: check.name, program: workload.program };
  }
  return { name: check.name, program: check.program };
}
