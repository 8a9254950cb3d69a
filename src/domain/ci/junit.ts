// JUnit XML for a change: one <testsuite> for the project, one <testcase> per check of each issue the
// change marks done (classname `<project>.<issue>`, name the check), a <failure> per failing check
// carrying its violations; a marked issue without checks is one skipped test case; each regression the
// change creates adds its failing checks. So the report fails exactly when the check run does.
//
// The de-facto schema is Ant's / Jenkins' (testsuites > testsuite > testcase > failure|skipped), as read
// by GitHub Actions reporters, GitLab and Jenkins. Text is escaped for XML 1.0: markup characters become
// entities, characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
// become U+FFFD, and line breaks inside attributes become character references so parsers keep them.
import type { ValidationViolation } from '../validation/types.js';
import { describeViolation } from './markdown.js';
import type { ChangeAssessment } from './types.js';

export interface JUnitOptions {
  sha?: string | null;
  /** ISO 8601 time of the run. */
  timestamp?: string;
}

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes character data (element content); `\r` as a reference, which parsers would otherwise fold. */
export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (to be written between double quotes). */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

interface Case {
  classname: string;
  name: string;
  failure?: { type: string; message: string; text: string };
  skipped?: string;
}

function casesForChecks(
  classname: string,
  checks: string[],
  violations: ValidationViolation[],
  what: string,
): Case[] {
  const byCheck = new Map<string, ValidationViolation[]>(checks.map((c) => [c, []]));
  for (const v of violations) {
    const list = byCheck.get(v.check);
    if (list) list.push(v);
    else byCheck.set(v.check, [v]);
  }
  return [...byCheck].map(([name, vs]) => {
    if (vs.length === 0) return { classname, name };
    const kinds = [...new Set(vs.map((v) => v.kind))];
    return {
      classname,
      name,
      failure: {
        type: kinds.join(','),
        message: `${what}: ${vs.length} ${vs.length === 1 ? 'violation' : 'violations'} (${kinds.join(', ')})`,
        text: vs.map(describeViolation).join('\n'),
      },
    };
  });
}

export function toJUnitXml(a: ChangeAssessment, options: JUnitOptions = {}): string {
  const cases: Case[] = [];
  for (const m of a.marked) {
    const classname = `${a.project}.${m.key}`;
    if (m.verdict === 'untested' && m.violations.length === 0) {
      cases.push({ classname, name: '(no checks)', skipped: 'the issue has no checks: nothing to verify' });
    } else {
      cases.push(...casesForChecks(classname, m.checks, m.violations, `${m.key} is marked done but fails`));
    }
  }
  for (const r of a.regressions) {
    const classname = `${a.project}.${r.key}`;
    const failing = casesForChecks(classname, r.checks, r.violations, `${r.key} regresses`);
    cases.push(...failing.filter((c) => c.failure).map((c) => ({ ...c, name: `${c.name} (regression)` })));
  }

  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const attr = escapeXmlAttribute;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="isoplan check" ${counts}>`,
    `  <testsuite name="${attr(a.project)}" ${counts}${options.timestamp ? ` timestamp="${attr(options.timestamp)}"` : ''}>`,
    '    <properties>',
    `      <property name="conclusion" value="${attr(a.conclusion)}"/>`,
    `      <property name="done" value="${attr(a.done.join(','))}"/>`,
    ...(options.sha ? [`      <property name="sha" value="${attr(options.sha)}"/>`] : []),
    '    </properties>',
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}"`;
    if (c.failure) {
      lines.push(
        `${open}>`,
        `      <failure type="${attr(c.failure.type)}" message="${attr(c.failure.message)}">${escapeXmlText(c.failure.text)}</failure>`,
        '    </testcase>',
      );
    } else if (c.skipped !== undefined) {
      lines.push(`${open}>`, `      <skipped message="${attr(c.skipped)}"/>`, '    </testcase>');
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
