// The options `issue create` and `issue edit` share: an issue's fields as flags, parsed once, and the fields
// they give. `none` clears a field that may be empty (estimates, assignee, priority, parent, url) when
// editing. Values are checked by the domain's own schemas (EstimateDaysSchema, AssigneeSchema), so a flag
// takes what the API takes; the range rule (low <= likely <= high) is the store's, as for any client.
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { z } from 'zod';
import { EstimateDaysSchema } from '../domain/estimate-range.js';
import { ISSUE_PRIORITIES, ISSUE_STATUSES } from '../domain/model.js';
import { AssigneeSchema } from '../domain/project-document.js';
import type { IssuePatch } from './backend/backend.js';
import { decimalNumber } from './command.js';

const NONE = 'none';

/** The value as `schema` parses it, or the schema's first complaint as commander's argument error. */
function parsed<T>(schema: z.ZodType<T>, value: unknown, orNone: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidArgumentError(`${result.error.issues[0]!.message}${orNone}`);
}

/** `--estimate 2.5` (days), or `none`. (commander turns a parser's null into '': `none` stays a word here.) */
function estimate(allowNone: boolean) {
  const orNone = allowNone ? ", or 'none'" : '';
  return (text: string): number | typeof NONE => {
    if (allowNone && text === NONE) return NONE;
    const value = decimalNumber(text, `must be a number of days >= 0 such as 2 or 2.5${orNone}`);
    return parsed(EstimateDaysSchema, value, orNone);
  };
}

/** `--assignee eric`, or `none`. */
function assignee(allowNone: boolean) {
  const orNone = allowNone ? ", or 'none'" : '';
  return (text: string): string => (allowNone && text === NONE ? NONE : parsed(AssigneeSchema, text, orNone));
}

/** Repeatable, and each value may list several, comma-separated: `--label a,b --label c`. */
export const collectList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
];

export function issueFieldOptions(editing: boolean) {
  const clear = editing ? "; 'none' clears it" : '';
  return [
    new Option('-t, --title <title>', 'the title'),
    new Option('-b, --body <text>', 'the description (Markdown)'),
    new Option('-e, --estimate <days>', `the most likely estimate in days${clear}`).argParser(
      estimate(editing),
    ),
    new Option(
      '--low <days>',
      `the fewest days it may take (estimateLowDays, <= the estimate)${clear}`,
    ).argParser(estimate(editing)),
    new Option(
      '--high <days>',
      `the most days it may take (estimateHighDays, >= the estimate)${clear}`,
    ).argParser(estimate(editing)),
    new Option('--assignee <name>', `the team member who will do it${clear}`).argParser(assignee(editing)),
    new Option('--priority <priority>', `p0 (first) to p3${clear}`).choices(
      editing ? [...ISSUE_PRIORITIES, NONE] : ISSUE_PRIORITIES,
    ),
    new Option('--parent <key>', `the parent issue${clear}`),
    new Option(
      '-l, --label <labels>',
      `labels (repeatable or comma-separated${editing ? '; replaces them' : ''})`,
    ).argParser(collectList),
    new Option('--url <url>', `a link (http or https)${clear}`),
    new Option('-s, --status <status>', 'open, in_progress, done or wont_do').choices(ISSUE_STATUSES),
  ] as const;
}

export interface IssueFieldValues {
  title?: string;
  body?: string;
  estimate?: number | typeof NONE;
  low?: number | typeof NONE;
  high?: number | typeof NONE;
  assignee?: string;
  priority?: string;
  parent?: string;
  label?: string[];
  url?: string;
  status?: IssuePatch['status'];
}

/** The fields the options give (those not given are left out; `none` is null when editing). */
export function issueFields(values: IssueFieldValues, editing: boolean): IssuePatch {
  const cleared = <T>(value: T | undefined): T | null | undefined =>
    editing && value === NONE ? null : value;
  const fields: IssuePatch = {
    title: values.title,
    body: values.body,
    estimateDays: cleared(values.estimate) as number | null | undefined,
    estimateLowDays: cleared(values.low) as number | null | undefined,
    estimateHighDays: cleared(values.high) as number | null | undefined,
    assignee: cleared(values.assignee),
    priority: cleared(values.priority) as IssuePatch['priority'],
    parent: cleared(values.parent),
    labels: values.label,
    url: cleared(values.url),
    status: values.status,
  };
  for (const key of Object.keys(fields) as Array<keyof IssuePatch>) {
    if (fields[key] === undefined) delete fields[key];
  }
  return fields;
}
