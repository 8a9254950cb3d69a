// What isoplan tells CI about a change ("does marking these sub-issues done really isolate what they
// claim?"), in the shapes CI systems take: a GitHub check run, a GitHub commit status, JUnit XML and
// GitHub workflow commands. Everything here is derived from two validation runs, before and after.
//
// Shapes follow GitHub's REST API: "Create a check run" (POST /repos/{o}/{r}/check-runs) and
// "Create a commit status" (POST /repos/{o}/{r}/statuses/{sha}); field names are kept in snake_case
// so that a document can be forwarded to GitHub with only the isoplan-specific fields removed.
import type { Requester } from '../access/actors.js';
import type { MissingDependency, ValidationViolation, Verdict } from '../validation/types.js';

export const CHECK_CONCLUSIONS = ['success', 'failure', 'neutral'] as const;
export type CheckConclusion = (typeof CHECK_CONCLUSIONS)[number];

export const ANNOTATION_LEVELS = ['failure', 'warning', 'notice'] as const;
export type AnnotationLevel = (typeof ANNOTATION_LEVELS)[number];

export const COMMIT_STATES = ['success', 'failure', 'pending', 'error'] as const;
export type CommitState = (typeof COMMIT_STATES)[number];

/** An issue the change marks done, as the simulator sees it with the change applied. */
export interface MarkedIssue {
  key: string;
  /** The issue's title, when known. */
  title: string | null;
  verdict: Verdict;
  checks: string[];
  violations: ValidationViolation[];
  /** Issues whose claims would remove the violations. */
  fixedBy: string[];
}

/** A finished issue whose checks ran clean before the change and fail after it. */
export interface ChangeRegression {
  key: string;
  title: string | null;
  checks: string[];
  violations: ValidationViolation[];
}

/** The project's goal with the change applied, compared with before. */
export interface ChangeGoal {
  heldBefore: boolean;
  holds: boolean;
  /** Whether it holds once every open issue is done too. */
  holdsWhenAllDone: boolean;
  /** How many violations are left (the validation run lists them; not repeated here). */
  violationsLeft: number;
  /** Open issues whose claims would remove them. */
  openIssuesThatFix: string[];
  /** The violations, only when the change breaks a goal that held (each is then new). */
  violations: ValidationViolation[];
}

/** The verdict over one change: the structured content behind every rendering. */
export interface ChangeAssessment {
  project: string;
  /** The keys the change marks done, deduplicated, in the order given. */
  done: string[];
  conclusion: CheckConclusion;
  marked: MarkedIssue[];
  /** Regressions the change creates: each one fails the check. */
  regressions: ChangeRegression[];
  /** Finished issues already failing before the change: reported, not held against it. */
  knownRegressions: string[];
  /** Open issues whose checks ran clean before and fail after: warnings. */
  newlyFailing: ChangeRegression[];
  /** Missing dependencies that concern the change (involve a marked issue, or are new): warnings. */
  missingDependencies: MissingDependency[];
  goal: ChangeGoal;
  /** The validation runs compared: `before` is a stored run, `after` the evaluation with the change. */
  basis: { before: { id: string; fingerprint: string }; after: { fingerprint: string } };
}

/** GitHub check-run annotation. `path` holds the issue key (there is no file to point at). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export interface CheckRunOutput {
  title: string;
  /** Markdown. */
  summary: string;
  annotations: CheckAnnotation[];
}

/** A stored CI check over one change, shaped like a GitHub check run. */
export interface CheckRunDocument {
  /** The stored check run's id. */
  id: string;
  /** `isoplan/<project>`, also the commit status's context. */
  name: string;
  head_sha: string;
  status: 'completed';
  conclusion: CheckConclusion;
  started_at: string;
  completed_at: string;
  /** `GET /v1/projects/:project/checks/:id` under the service that answers; null from the CLI. */
  details_url: string | null;
  output: CheckRunOutput;
  // isoplan's own fields (not GitHub's): drop them before forwarding the document to GitHub.
  project: string;
  done: string[];
  report: ChangeAssessment;
  /** Who asked for the check (a webhook: `github`); null when unknown (a run stored before it was recorded). */
  requestedBy: Requester | null;
}

/** A GitHub commit status. */
export interface CommitStatus {
  state: CommitState;
  /** At most 140 characters (GitHub's limit). */
  description: string;
  context: string;
  target_url: string | null;
}
