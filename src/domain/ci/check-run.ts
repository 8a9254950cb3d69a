// Building the check-run document (GitHub's "Create a check run" body, plus isoplan's own fields) from
// a change assessment. Annotations come failures first, then warnings, then notices, because GitHub
// takes at most 50 per request and shows them in order.
import type { Requester } from '../access/actors.js';
import type { ValidationViolation } from '../validation/types.js';
import { checkTitle, describeViolation, renderSummary } from './markdown.js';
import { truncate } from './truncate.js';
import type { AnnotationLevel, ChangeAssessment, CheckAnnotation, CheckRunDocument } from './types.js';

/** GitHub's limits on an annotation's title and message. */
const TITLE_LIMIT = 255;
const MESSAGE_LIMIT = 64 * 1024;
/** The annotation path of the project's goal: not an issue key (keys cannot hold parentheses). */
export const GOAL_PATH = '(goal)';
const LEVEL_ORDER: Record<AnnotationLevel, number> = { failure: 0, warning: 1, notice: 2 };

/** `isoplan/<project>`: the check run's name and the commit status's context. */
export function checkContext(project: string): string {
  return `isoplan/${project}`;
}

/** Violations listed per annotation: the rest are counted (the report and JUnit XML have them all). */
const VIOLATIONS_LISTED = 20;

function violationLines(violations: ValidationViolation[]): string {
  const lines = violations.slice(0, VIOLATIONS_LISTED).map((v) => `- ${describeViolation(v)}`);
  if (violations.length > VIOLATIONS_LISTED)
    lines.push(`- … and ${violations.length - VIOLATIONS_LISTED} more`);
  return lines.join('\n');
}

function annotation(level: AnnotationLevel, key: string, title: string, message: string): CheckAnnotation {
  return {
    path: key,
    start_line: 1,
    end_line: 1,
    annotation_level: level,
    title: truncate(title, TITLE_LIMIT),
    message: truncate(message, MESSAGE_LIMIT),
  };
}

export function buildAnnotations(a: ChangeAssessment): CheckAnnotation[] {
  const out: CheckAnnotation[] = [];
  for (const m of a.marked) {
    switch (m.verdict) {
      case 'failing': {
        const fix =
          m.fixedBy.length > 0 ? `\nIssues whose claims would remove them: ${m.fixedBy.join(', ')}.` : '';
        out.push(
          annotation(
            'failure',
            m.key,
            `${m.key} fails its checks`,
            `Marked done, but its checks fail with the change applied:\n${violationLines(m.violations)}${fix}`,
          ),
        );
        break;
      }
      case 'verified':
        out.push(
          annotation('notice', m.key, `${m.key} verified`, `Checks run clean: ${m.checks.join(', ')}.`),
        );
        break;
      case 'untested':
        out.push(
          annotation(
            'notice',
            m.key,
            `${m.key} has no checks`,
            'Nothing the simulator can confirm or refute.',
          ),
        );
        break;
    }
  }
  for (const r of a.regressions) {
    out.push(
      annotation(
        'failure',
        r.key,
        `${r.key} regresses`,
        `A finished issue whose checks passed before this change and fail after it:\n${violationLines(r.violations)}`,
      ),
    );
  }
  for (const r of a.newlyFailing) {
    out.push(
      annotation(
        'warning',
        r.key,
        `${r.key} breaks`,
        `An open issue whose checks passed before this change and fail after it:\n${violationLines(r.violations)}`,
      ),
    );
  }
  for (const key of a.knownRegressions) {
    out.push(
      annotation(
        'warning',
        key,
        `${key} already regressed`,
        'A finished issue whose checks failed before this change too.',
      ),
    );
  }
  for (const m of a.missingDependencies) {
    out.push(
      annotation(
        'warning',
        m.issue,
        `missing dependency: ${m.issue} should be blocked by ${m.shouldBeBlockedBy}`,
        `The simulator shows that ${m.issue} needs the claims of ${m.shouldBeBlockedBy}` +
          (m.closesCycle
            ? ` (${m.shouldBeBlockedBy} already depends on ${m.issue}: the edge would close a cycle, so the claim belongs in another issue)`
            : '') +
          `:\n${violationLines(m.because)}`,
      ),
    );
  }
  const { goal } = a;
  if (goal.heldBefore && !goal.holds) {
    out.push(
      annotation(
        'warning',
        GOAL_PATH,
        'the goal no longer holds',
        `The project's goal held before this change and does not after it:\n${violationLines(goal.violations)}`,
      ),
    );
  } else if (!goal.heldBefore && goal.holds) {
    out.push(annotation('notice', GOAL_PATH, 'the goal holds', "With this change the project's goal holds."));
  }
  // Stable sort: within a level, the order above.
  return out.sort((x, y) => LEVEL_ORDER[x.annotation_level] - LEVEL_ORDER[y.annotation_level]);
}

export interface CheckRunMeta {
  id: string;
  sha: string;
  startedAt: string;
  completedAt: string;
  detailsUrl: string | null;
  /** Who asked for the check; unknown (null) when not given. */
  requestedBy?: Requester | null;
}

export function buildCheckRun(a: ChangeAssessment, meta: CheckRunMeta): CheckRunDocument {
  return {
    id: meta.id,
    name: checkContext(a.project),
    head_sha: meta.sha,
    status: 'completed',
    conclusion: a.conclusion,
    started_at: meta.startedAt,
    completed_at: meta.completedAt,
    details_url: meta.detailsUrl,
    output: { title: checkTitle(a), summary: renderSummary(a), annotations: buildAnnotations(a) },
    project: a.project,
    done: a.done,
    report: a,
    requestedBy: meta.requestedBy ?? null,
  };
}
