// The canonical text of everything that affects a validation's result; its sha256 (taken by the
// service: the domain does no I/O and imports no crypto) is the run's fingerprint.
import { DEFAULT_SETTING } from '../../runtime-sim/index.js';
import type { ValidationInput } from './input.js';

/** Bump when the validation's semantics change, so that older stored runs stop being reused. */
export const VALIDATION_MODEL_VERSION = 2;

/** UTF-16 code unit order (that of `<` on strings): the same for every locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => byCodeUnits(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Issues (key, status, claims, checks) in key order, edges sorted and deduplicated, the goal, the
 * setting and the model version. Titles, bodies, estimates and parents do not affect a validation.
 */
export function canonicalValidationInput(input: ValidationInput): string {
  const issues = [...input.issues]
    .sort((a, b) => byCodeUnits(a.key, b.key))
    .map((i) => ({ key: i.key, status: i.status, claims: i.claims, checks: i.checks }));
  const edges = [...new Set(input.edges.map((e) => `${e.issue}\u0000${e.blockedBy}`))].sort(byCodeUnits);
  return canonicalJson({
    version: VALIDATION_MODEL_VERSION,
    setting: input.setting ?? DEFAULT_SETTING,
    goal: input.goal,
    issues,
    edges,
  });
}
