// Builders of project documents (src/domain/project-document.ts) for the tests that import, export and
// check them: every field filled in, so that a test names only the fields it is about.
import type { DocumentIssue, ProjectDocument } from '../../src/domain/model.js';

export type { DocumentIssue } from '../../src/domain/model.js';

export function documentIssue(key: string, fields: Partial<DocumentIssue> = {}): DocumentIssue {
  return {
    key,
    title: `Issue ${key}`,
    body: '',
    status: 'open',
    estimateDays: null,
    parent: null,
    url: null,
    labels: [],
    claims: [],
    checks: [],
    ...fields,
  };
}

export function projectDocument(
  slug: string,
  issues: DocumentIssue[],
  dependencies: ProjectDocument['dependencies'] = [],
  project: Partial<Omit<ProjectDocument['project'], 'slug'>> = {},
): ProjectDocument {
  return {
    version: 1,
    project: { slug, name: 'Imported', description: '', goal: [], defaultEstimateDays: 1, ...project },
    issues,
    dependencies,
  };
}
