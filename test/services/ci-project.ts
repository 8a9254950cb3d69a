// A project small enough that its CI verdicts are known, for the CI check tests of the API
// (test/api/routes/ci-checks.test.ts) and of `isoplan check` (test/cli/ci-check.test.ts):
// - `gc` (done) claims a per-interpreter GC and checks it: verified;
// - `gc-revert` (open, blocked by `gc`) puts the GC back to shared: marking it done regresses `gc`;
// - `tuple` splits the tuple free list and checks tuple churn, which also needs `alloc`'s
//   per-interpreter allocator: marked done alone it fails (and `alloc` is a missing dependency);
//   marked done with `alloc` it is verified;
// - `docs` has no claims and no checks.
import type { ProjectDocument } from '../../src/domain/model.js';
import type { Stores } from '../../src/store/types.js';
import { documentIssue, projectDocument } from '../domain/project-document-builders.js';

export const claim = (component: string, placement: string) => ({ component, placement });
export const workload = (name: string) => ({ name, workload: name });

export function ciProjectDocument(slug: string): ProjectDocument {
  return projectDocument(
    slug,
    [
      documentIssue('gc', {
        title: 'Per-interpreter GC',
        status: 'done',
        claims: [claim('gc', 'per-interpreter')],
        checks: [workload('gc')],
      }),
      documentIssue('gc-revert', { title: 'Back to a shared GC', claims: [claim('gc', 'shared')] }),
      documentIssue('tuple', {
        title: 'Per-interpreter tuple free list',
        claims: [claim('freelist.tuple', 'per-interpreter')],
        checks: [workload('tuple-churn')],
      }),
      documentIssue('alloc', {
        title: 'Per-interpreter allocator',
        claims: [claim('obmalloc', 'per-interpreter')],
      }),
      documentIssue('docs', { title: 'Documentation' }),
    ],
    [{ issue: 'gc-revert', blockedBy: 'gc' }],
    { name: 'CI project' },
  );
}

/** The project imported through the store (as `isoplan import` and POST …/import do); returns its slug. */
export async function givenCiProject(
  stores: Pick<Stores, 'documents'>,
  slug = 'ci-project',
): Promise<string> {
  await stores.documents.import(slug, ciProjectDocument(slug), { actor: 'fixture' });
  return slug;
}
