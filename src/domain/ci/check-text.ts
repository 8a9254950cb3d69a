// The `text` format of `isoplan check`: a readable summary for a terminal or a CI log.
import type { Requester } from '../access/actors.js';
import type { ValidationViolation } from '../validation/types.js';
import { describeViolation } from './markdown.js';
import type { CheckRunDocument } from './types.js';

const VIOLATIONS_SHOWN = 5;

/**
 * One line of output: line breaks in project text (titles, check names) become spaces and other control
 * characters U+FFFD, so that a title can neither forge a line of its own (GitHub Actions reads a log line
 * starting with `::` as a workflow command) nor send terminal escape sequences.
 */
function oneLine(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ')
    .replace(/[^\t\u0020-\u007e\u00a0-\u{10FFFF}]/gu, '\uFFFD');
}

function indentViolations(lines: string[], violations: ValidationViolation[]): void {
  for (const v of violations.slice(0, VIOLATIONS_SHOWN)) lines.push(`      ${describeViolation(v)}`);
  if (violations.length > VIOLATIONS_SHOWN)
    lines.push(`      … and ${violations.length - VIOLATIONS_SHOWN} more`);
}

/** `deploy (token tok_1) for alice`: the actor, its token's id, and whom it said it acted for. */
function requesterText({ actor, tokenId, onBehalfOf }: Requester): string {
  return `${actor}${tokenId === null ? '' : ` (token ${tokenId})`}${onBehalfOf === null ? '' : ` for ${onBehalfOf}`}`;
}

export function renderCheckText(run: CheckRunDocument): string {
  const a = run.report;
  const lines = [`${run.name} @ ${run.head_sha}: ${run.conclusion.toUpperCase()}`, `  ${run.output.title}`];
  // A service older than requestedBy answers without it (`isoplan check --server` across an upgrade).
  const by = run.requestedBy ?? null;
  if (by !== null) lines.push(`  requested by ${oneLine(requesterText(by))}`);
  lines.push('');

  lines.push('Marked done:');
  if (a.marked.length === 0) lines.push('  (none)');
  const mark = { verified: 'ok  ', failing: 'FAIL', untested: '--  ' } as const;
  for (const m of a.marked) {
    lines.push(`  ${mark[m.verdict]} ${m.key}${m.title ? `  ${m.title}` : ''}  (${m.verdict})`);
    indentViolations(lines, m.violations);
    if (m.verdict === 'failing' && m.fixedBy.length > 0)
      lines.push(`      fixed by: ${m.fixedBy.join(', ')}`);
  }
  if (a.regressions.length > 0) {
    lines.push('', 'Regressions (passed before, fail after):');
    for (const r of a.regressions) {
      lines.push(`  FAIL ${r.key}${r.title ? `  ${r.title}` : ''}`);
      indentViolations(lines, r.violations);
    }
  }
  if (a.newlyFailing.length > 0) {
    lines.push('', 'Open issues this change breaks (warnings):');
    for (const r of a.newlyFailing) {
      lines.push(`  warn ${r.key}`);
      indentViolations(lines, r.violations);
    }
  }
  if (a.knownRegressions.length > 0) {
    lines.push('', `Regressions already present before: ${a.knownRegressions.join(', ')}`);
  }
  if (a.missingDependencies.length > 0) {
    lines.push('', 'Missing dependencies (warnings):');
    for (const m of a.missingDependencies) {
      lines.push(`  warn ${m.issue} should be blocked by ${m.shouldBeBlockedBy}`);
      indentViolations(lines, m.because);
    }
  }
  const { goal } = a;
  lines.push(
    '',
    goal.holds
      ? `Goal: holds${goal.heldBefore ? '' : ' (newly, with this change)'}`
      : `Goal: does not hold yet (${goal.violationsLeft} violations left${goal.openIssuesThatFix.length > 0 ? `; fixed by ${goal.openIssuesThatFix.join(', ')}` : ''})`,
  );
  if (run.details_url) lines.push(`Details: ${run.details_url}`);
  return `${lines.map(oneLine).join('\n')}\n`;
}
