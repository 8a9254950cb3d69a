// Markdown rendering of a change assessment: the check run's `output.summary` (GitHub-flavoured
// Markdown, shown on the pull request's Checks tab and in the job summary). Text from the project
// (titles, violation messages) is escaped, so that it can neither break a table nor inject markup.
import type { ValidationViolation } from '../validation/types.js';
import { truncate } from './truncate.js';
import type { ChangeAssessment, ChangeRegression, MarkedIssue } from './types.js';

/** GitHub's limit on `output.summary` (65535 characters); longer summaries are cut with a note. */
export const SUMMARY_LIMIT = 65_535;
/** Violations listed per issue before "and N more". */
const VIOLATIONS_SHOWN = 5;

/** Escapes inline Markdown: punctuation that starts markup, table pipes and HTML; folds line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~#&]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, ' ')
    .trim();
}

/** An issue key as a code span (keys hold only letters, digits and `._:-`, never a backtick). */
const code = (key: string) => `\`${key.replaceAll('`', "'")}\``;

const VERDICT_LABEL: Record<MarkedIssue['verdict'], string> = {
  verified: '✅ verified',
  failing: '❌ failing',
  untested: '➖ untested (no checks)',
};

export const CONCLUSION_LABEL: Record<ChangeAssessment['conclusion'], string> = {
  success: 'success',
  failure: 'failure',
  neutral: 'neutral',
};

export function describeViolation(v: ValidationViolation): string {
  const times = v.count > 1 ? ` (×${v.count})` : '';
  // Messages usually name their component already; say it only when they do not.
  const where = v.message.includes(v.component) ? '' : ` on ${v.component}`;
  return `${v.check}: ${v.kind}${where}: ${v.message}${times}`;
}

function violationList(violations: ValidationViolation[]): string {
  if (violations.length === 0) return '';
  const shown = violations.slice(0, VIOLATIONS_SHOWN).map((v) => escapeMarkdown(describeViolation(v)));
  const more = violations.length - shown.length;
  return shown.join('<br>') + (more > 0 ? `<br>… and ${more} more` : '');
}

function issueCell(i: { key: string; title: string | null }): string {
  return i.title ? `${code(i.key)} ${escapeMarkdown(i.title)}` : code(i.key);
}

/** The headline: what `output.title` and the commit status say. */
export function checkTitle(a: ChangeAssessment): string {
  const n = a.marked.length;
  const failing = a.marked.filter((m) => m.verdict === 'failing').length;
  const verified = a.marked.filter((m) => m.verdict === 'verified').length;
  const untested = n - failing - verified;
  const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  switch (a.conclusion) {
    case 'failure': {
      const parts: string[] = [];
      if (failing > 0) parts.push(`${failing} of ${n} marked issues fail their checks`);
      if (a.regressions.length > 0) {
        parts.push(
          `${plural(a.regressions.length, 'regression', 'regressions')} (${a.regressions.map((r) => r.key).join(', ')})`,
        );
      }
      return parts.join('; ');
    }
    case 'success':
      return `${plural(verified, 'marked issue', 'marked issues')} verified${untested > 0 ? `, ${untested} untested` : ''}`;
    case 'neutral':
      return n === 0 ? 'Nothing marked done' : 'No checks on the marked issues: nothing to verify';
  }
}

function regressionTable(rows: ChangeRegression[]): string[] {
  return [
    '| Issue | Violations |',
    '| --- | --- |',
    ...rows.map((r) => `| ${issueCell(r)} | ${violationList(r.violations) || '—'} |`),
  ];
}

/** The check run's `output.summary`. */
export function renderSummary(a: ChangeAssessment): string {
  const lines: string[] = [`### isoplan: ${escapeMarkdown(checkTitle(a))}`, ''];
  lines.push(`Project ${code(a.project)}; conclusion **${CONCLUSION_LABEL[a.conclusion]}**.`, '');

  lines.push('#### Issues this change marks done', '');
  if (a.marked.length === 0) lines.push('None.');
  else {
    lines.push('| Issue | Verdict | Checks | Violations |', '| --- | --- | --- | --- |');
    for (const m of a.marked) {
      const checks = m.checks.length > 0 ? m.checks.map(escapeMarkdown).join(', ') : '—';
      const fix = m.fixedBy.length > 0 ? `<br>fixed by ${m.fixedBy.map(code).join(', ')}` : '';
      lines.push(
        `| ${issueCell(m)} | ${VERDICT_LABEL[m.verdict]} | ${checks} | ${violationList(m.violations) || '—'}${m.verdict === 'failing' ? fix : ''} |`,
      );
    }
  }
  lines.push('');

  lines.push('#### Regressions', '');
  if (a.regressions.length === 0) lines.push('None: every finished issue that passed before still passes.');
  else {
    lines.push('Finished issues whose checks passed before this change and fail after it:', '');
    lines.push(...regressionTable(a.regressions));
  }
  lines.push('');

  if (a.newlyFailing.length > 0) {
    lines.push('#### Open issues this change breaks', '', ...regressionTable(a.newlyFailing), '');
  }
  if (a.knownRegressions.length > 0) {
    lines.push(
      '#### Regressions already present',
      '',
      `Failing before this change too (not held against it): ${a.knownRegressions.map(code).join(', ')}.`,
      '',
    );
  }

  lines.push('#### Missing dependencies', '');
  if (a.missingDependencies.length === 0) lines.push('None found.');
  else {
    lines.push('| Issue | Should be blocked by | Because |', '| --- | --- | --- |');
    for (const m of a.missingDependencies) {
      const cycle = m.closesCycle ? ' (the edge would close a cycle)' : '';
      lines.push(
        `| ${code(m.issue)} | ${code(m.shouldBeBlockedBy)}${cycle} | ${violationList(m.because) || '—'} |`,
      );
    }
  }
  lines.push('');

  const { goal } = a;
  lines.push('#### Goal', '');
  if (goal.holds) {
    lines.push(goal.heldBefore ? 'Holds.' : '🎉 Holds with this change (it did not before).');
  } else {
    lines.push(
      `Does not hold yet: ${goal.violationsLeft} ${goal.violationsLeft === 1 ? 'violation' : 'violations'} left` +
        (goal.openIssuesThatFix.length > 0
          ? `; open issues that would remove them: ${goal.openIssuesThatFix.map(code).join(', ')}.`
          : '.'),
    );
  }
  lines.push('');

  return truncate(lines.join('\n'), SUMMARY_LIMIT, "\n\n… (cut at GitHub's limit of 65535 characters)");
}
