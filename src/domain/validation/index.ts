// Validation: the simulator's verdict over a project's current state (pure; the runner is injected).
export { assertNoProblems, checkProblems, claimProblems, resolveCheck } from './catalog-checks.js';
export { canonicalJson, canonicalValidationInput, VALIDATION_MODEL_VERSION } from './fingerprint.js';
export type {
  CheckJob,
  CheckRunner,
  Layout,
  SimCheck,
  ValidationInput,
  ValidationIssueInput,
} from './input.js';
export { runCheck, runJobs } from './run-check.js';
export type * from './types.js';
export { type ValidationResult, validateProject, validationInputProblems } from './validate-project.js';
