// Token scopes, after GitHub's and GitLab's: `read` (every GET, and POSTs that change nothing such as
// what-if), `write` (issues, dependencies, claims, checks, imports, validations, CI check runs, syncs),
// `admin` (projects, links, tokens). Each scope implies the ones below it: write implies read, admin both.

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Whether a token granted `granted` may do what needs `required`. */
export function scopeAllows(granted: Scope, required: Scope): boolean {
  return SCOPES.indexOf(granted) >= SCOPES.indexOf(required);
}
