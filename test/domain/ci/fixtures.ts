// Builders for validation runs, so that CI tests state only what matters to them.
import type { IssueStatus } from '../../../src/domain/model.js';
import type {
  IssueValidation,
  MissingDependency,
  ValidationRun,
  ValidationViolation,
} from '../../../src/domain/validation/types.js';

export function violation(check: string, input: Partial<ValidationViolation> = {}): ValidationViolation {
  return {
    kind: 'data-race',
    component: 'freelist.tuple',
    interpreters: ['main', 'sub1'],
    steps: [],
    message: 'conflicting accesses to freelist.tuple under different GILs',
    count: 1,
    check,
    ...input,
  };
}

export function verified(
  key: string,
  checks = [`${key}-check`],
  status: IssueStatus = 'open',
): IssueValidation {
  return { key, status, verdict: 'verified', checks, violations: [], regression: false, fixedBy: [] };
}

export function untested(key: string, status: IssueStatus = 'open'): IssueValidation {
  return { key, status, verdict: 'untested', checks: [], violations: [], regression: false, fixedBy: [] };
}

export function failing(
  key: string,
  input: { regression?: boolean; violations?: ValidationViolation[]; fixedBy?: string[] } = {},
): IssueValidation {
  const violations = input.violations ?? [violation(`${key}-check`)];
  return {
    key,
    status: input.regression ? 'done' : 'open',
    verdict: 'failing',
    checks: [...new Set(violations.map((v) => v.check))],
    violations,
    regression: input.regression ?? false,
    fixedBy: input.fixedBy ?? [],
  };
}

/** An issue with the given verdict; a failing one is a regression when `finished`. */
export function withVerdict(
  key: string,
  verdict: 'verified' | 'failing' | 'untested',
  finished: boolean,
): IssueValidation {
  if (verdict === 'verified') return verified(key);
  if (verdict === 'untested') return untested(key);
  return failing(key, { regression: finished });
}

export function run(
  issues: IssueValidation[],
  input: { missing?: MissingDependency[]; goalHolds?: boolean; id?: string } = {},
): ValidationRun {
  return {
    id: input.id ?? 'run-1',
    projectRevision: 1,
    fingerprint: `fp-${issues.map((i) => `${i.key}:${i.verdict}`).join(',')}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    requestedBy: null,
    durationMs: 1,
    issues,
    missingDependencies: input.missing ?? [],
    regressions: issues.filter((i) => i.regression).map((i) => i.key),
    goal: {
      holds: input.goalHolds ?? false,
      violations: input.goalHolds ? [] : [violation('goal:tuple-churn')],
      openIssuesThatFix: [],
      holdsWhenAllDone: true,
    },
    components: [],
  };
}
