// The options `issue create` and `issue edit` share: an issue's fields as flags, parsed once, and the fields
// they give. `none` clears a field that may be empty (estimate, parent, url) when editing.
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { ISSUE_STATUSES } from '../domain/model.js';
import type { IssuePatch } from './backend/backend.js';

const NONE = 'none';

/** `--estimate 2.5` (days), or `none`. (commander turns a parser's null into '': `none` stays a word here.) */
function estimate(allowNone: boolean) {
  return (text: string): number | typeof NONE => {
    if (allowNone && text === NONE) return NONE;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError(`must be a number of days >= 0${allowNone ? ", or 'none'" : ''}`);
    }
    return value;
  };
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
    new Option('-e, --estimate <days>', `estimate in days${clear}`).argParser(estimate(editing)),
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
