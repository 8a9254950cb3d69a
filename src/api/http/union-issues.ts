// A value that matches none of a union's forms (`team`: a number of people, or the people themselves) was
// refused with zod's bare "Invalid input", naming neither what was wrong nor what was wanted. A union's
// refusal is read here, the one place: the forms the value's JSON type rules out are set aside; when one
// form is left, its own problems are the answer, at their own paths (`body.team[0].name: expected
// string`), and when none is, the answer names the types taken (`expected number or array, received
// string`). Nested unions are read the same way.

/** One failure as a schema validator reports it (fastify-type-provider-zod's shape of a zod issue). */
export interface ValidationEntry {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** A zod issue inside a union's refusal: its path is relative to the union's value. */
interface BranchIssue {
  code?: string;
  path?: Array<string | number>;
  message?: string;
  expected?: string;
  [key: string]: unknown;
}

/** JSON's own types: a form expecting another one is ruled out by the value's type alone. */
const JSON_TYPES = new Set(['string', 'number', 'boolean', 'array', 'object', 'null']);

function ruledOutByType(branch: BranchIssue[]): boolean {
  const [only] = branch;
  return (
    branch.length === 1 &&
    only?.code === 'invalid_type' &&
    (only.path ?? []).length === 0 &&
    JSON_TYPES.has(String(only.expected))
  );
}

function asEntry(base: string, issue: BranchIssue): ValidationEntry {
  const { code, path, message, ...params } = issue;
  const instancePath = [base, ...(path ?? []).map(String)].join('/').replace(/^\/?/, '/');
  return { instancePath, message, keyword: code, params };
}

/** `entries` with each union's refusal replaced by what it means (see above). */
export function withUnionsResolved(entries: ValidationEntry[]): ValidationEntry[] {
  return entries.flatMap((entry) => {
    const branches = entry.params?.errors;
    if (entry.keyword !== 'invalid_union' || !Array.isArray(branches) || branches.length === 0)
      return [entry];
    const forms = branches as BranchIssue[][];
    const left = forms.filter((branch) => !ruledOutByType(branch));
    const base = entry.instancePath === '/' ? '' : (entry.instancePath ?? '');
    if (left.length === 1) return withUnionsResolved((left[0] as BranchIssue[]).map((i) => asEntry(base, i)));
    if (left.length > 0) return [entry];
    const expected = forms.map((branch) => String(branch[0]?.expected));
    const received = /received (\w+)/.exec(forms[0]?.[0]?.message ?? '')?.[1];
    const message = `Invalid input: expected ${expected.join(' or ')}${received ? `, received ${received}` : ''}`;
    return [{ ...entry, message, keyword: 'invalid_type' }];
  });
}
